package io.cloudsync.testkit.viauri;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.testkit.StorageBackendContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against a {@code mem://} backend opened by URI through {@link StorageProviders},
 * with a root prefix and a small page size, from another package: the way an adapter's test uses
 * the suite.
 */
class MemUriContractTest extends StorageBackendContract {
  private static StorageBackend backend;

  @BeforeAll
  static void open() {
    backend =
        StorageProviders.load()
            .open(BackendConfig.isolated("mem://uri-contract/some/root?page-size=97"));
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Override
  protected StorageBackend backend() {
    return backend;
  }

  // One store shared by the whole class lives on the heap for the JVM's life: empty it as we go.
  @Override
  protected boolean deleteAfterEachTest() {
    return true;
  }

  // InMemoryBackendContractTest runs the 256 MiB case against this same implementation.
  @Override
  protected long largeObjectBytes() {
    return 8L * 1024 * 1024;
  }

  // Heap-resident store: the large object is held once on the heap by design.
  @Override
  protected boolean contentIsHeldOnHeap() {
    return true;
  }
}

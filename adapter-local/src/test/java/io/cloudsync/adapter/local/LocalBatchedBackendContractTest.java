package io.cloudsync.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsDeferredDurability.Batch;
import org.junit.jupiter.api.AfterEach;

/**
 * The conformance suite with a durability batch open for the whole of each test, as a sync run
 * holds one: deferring the syncs must change nothing anyone can see.
 */
class LocalBatchedBackendContractTest extends LocalStorageBackendContractTest {
  private LocalStorageBackend backend;
  private Batch batch;

  @Override
  protected StorageBackend backend() {
    if (backend == null) {
      backend = new LocalStorageBackend(root);
      batch = backend.deferDurability();
      assertThat(batch == Batch.NONE).isEqualTo(!FileSystemFlush.available());
    }
    return backend;
  }

  @AfterEach
  void closeTheBatch() {
    if (batch != null) {
      batch.close();
    }
  }
}

package io.cloudsync.testkit;

import io.cloudsync.storage.StorageBackend;

class InMemoryBackendContractTest extends StorageBackendContract {
  private final InMemoryBackend backend = new InMemoryBackend();

  @Override
  protected StorageBackend backend() {
    return backend;
  }

  // The store is this JVM's heap: the large object is held there once, on purpose.
  @Override
  protected boolean contentIsHeldOnHeap() {
    return true;
  }

  @Override
  protected boolean plantRawObject(String rawName, byte[] content) {
    backend.plantRaw(rawName, content);
    return true;
  }
}

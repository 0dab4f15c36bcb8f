package io.cloudsync.testkit;

import io.cloudsync.storage.StorageBackend;

/** With no fault set, the decorator must be invisible: it passes the whole contract. */
class FaultInjectingBackendContractTest extends StorageBackendContract {
  private final FaultInjectingBackend backend =
      FaultInjectingBackend.wrap(new InMemoryBackend(), 99);

  @Override
  protected StorageBackend backend() {
    return backend;
  }

  // InMemoryBackendContractTest runs the 256 MiB case against the same store; here the decorator
  // only passes streams through, which a smaller object proves as well.
  @Override
  protected long largeObjectBytes() {
    return 16L * 1024 * 1024;
  }

  // The delegate keeps content on this JVM's heap.
  @Override
  protected boolean contentIsHeldOnHeap() {
    return true;
  }
}

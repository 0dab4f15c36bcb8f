package io.cloudsync.adapter.local;

import io.cloudsync.storage.StorageBackend;

/**
 * The conformance suite against a folder whose file system has no extended attributes, so that
 * every record is a sidecar (the layout of such file systems, and of stores written before records
 * moved into attributes).
 */
class LocalSidecarBackendContractTest extends LocalStorageBackendContractTest {
  private LocalStorageBackend backend;

  @Override
  protected StorageBackend backend() {
    if (backend == null) {
      backend = new LocalStorageBackend(root, false);
    }
    return backend;
  }
}

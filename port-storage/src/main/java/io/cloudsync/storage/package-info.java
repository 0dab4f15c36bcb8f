/**
 * The storage port: {@link io.cloudsync.storage.StorageBackend} and its optional features, the
 * {@link io.cloudsync.storage.StorageProvider} SPI found through {@link java.util.ServiceLoader},
 * {@link io.cloudsync.storage.BackendUri} and the {@link io.cloudsync.storage.StorageException}
 * family. Adapters implement it; the engine depends only on it.
 */
package io.cloudsync.storage;

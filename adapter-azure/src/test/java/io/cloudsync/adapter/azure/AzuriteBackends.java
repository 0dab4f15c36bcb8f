package io.cloudsync.adapter.azure;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Opens backends on a fresh container of the shared Azurite, through the provider. */
final class AzuriteBackends {
  private AzuriteBackends() {}

  static String freshContainer() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  static Map<String, String> env(AzuriteExtension azurite) {
    return Map.of(AzureStorageProvider.CONNECTION_STRING_ENV, azurite.connectionString());
  }

  /** A backend on {@code az://container/prefix} with its container created. */
  static AzureStorageBackend open(
      AzuriteExtension azurite, String container, String prefix, Map<String, String> options) {
    AzureStorageBackend backend =
        (AzureStorageBackend) openRaw("az://" + container + "/" + prefix, options, env(azurite));
    backend.createBucket();
    return backend;
  }

  static StorageBackend openRaw(String uri, Map<String, String> options, Map<String, String> env) {
    return new AzureStorageProvider()
        .open(new BackendConfig(BackendUri.parse(uri), new HashMap<>(options), env));
  }
}

package io.cloudsync.adapter.azure;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.testkit.StorageBackendContract;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The conformance suite against real Azure Blob Storage: opt-in, with {@code ./mvnw -Pcloud-tests
 * verify}, {@code CLOUDSYNC_TEST_AZURE_CONTAINER} (an existing container it may write to) and
 * {@code AZURE_STORAGE_CONNECTION_STRING}. It works under a fresh prefix and deletes what it wrote.
 * Without those settings it is skipped, saying why.
 */
@Tag("cloud")
@EnabledIfSystemProperty(
    named = "cloudsync.cloud-tests",
    matches = "true",
    disabledReason = "real-cloud contract: run with -Pcloud-tests")
class AzureRealCloudContractTest extends StorageBackendContract {
  private static StorageBackend backend;

  @BeforeAll
  static void open() {
    Map<String, String> env = System.getenv();
    String container = env.getOrDefault("CLOUDSYNC_TEST_AZURE_CONTAINER", "");
    String reason =
        container.isBlank()
            ? "CLOUDSYNC_TEST_AZURE_CONTAINER is not set"
            : env.getOrDefault("AZURE_STORAGE_CONNECTION_STRING", "").isBlank()
                ? "AZURE_STORAGE_CONNECTION_STRING is not set"
                : null;
    if (reason != null) {
      System.err.println("cloud-tests: Azure skipped: " + reason);
    }
    Assumptions.assumeTrue(reason == null, () -> "Azure skipped: " + reason);
    String uri = "az://" + container + "/cloudsync-contract-" + UUID.randomUUID();
    backend = StorageProviders.load().open(new BackendConfig(BackendUri.parse(uri), Map.of(), env));
    System.err.println("cloud-tests: Azure contract against " + backend.describe().location());
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected StorageBackend backend() {
    return backend;
  }

  @Override
  protected boolean deleteAfterEachTest() {
    return true;
  }
}

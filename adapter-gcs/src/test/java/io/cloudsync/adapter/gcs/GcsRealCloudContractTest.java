package io.cloudsync.adapter.gcs;

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
 * The conformance suite against real Google Cloud Storage: opt-in, with {@code ./mvnw -Pcloud-tests
 * verify}, {@code CLOUDSYNC_TEST_GCS_BUCKET} (an existing bucket it may write to) and {@code
 * GOOGLE_APPLICATION_CREDENTIALS}; optionally {@code CLOUDSYNC_TEST_GCS_PROJECT}. It works under a
 * fresh prefix and deletes what it wrote. Without those settings it is skipped, saying why.
 */
@Tag("cloud")
@EnabledIfSystemProperty(
    named = "cloudsync.cloud-tests",
    matches = "true",
    disabledReason = "real-cloud contract: run with -Pcloud-tests")
class GcsRealCloudContractTest extends StorageBackendContract {
  private static StorageBackend backend;

  @BeforeAll
  static void open() {
    Map<String, String> env = System.getenv();
    String bucket = env.getOrDefault("CLOUDSYNC_TEST_GCS_BUCKET", "");
    String reason =
        bucket.isBlank()
            ? "CLOUDSYNC_TEST_GCS_BUCKET is not set"
            : env.getOrDefault("GOOGLE_APPLICATION_CREDENTIALS", "").isBlank()
                ? "GOOGLE_APPLICATION_CREDENTIALS is not set"
                : null;
    if (reason != null) {
      System.err.println("cloud-tests: GCS skipped: " + reason);
    }
    Assumptions.assumeTrue(reason == null, () -> "GCS skipped: " + reason);
    String project = env.getOrDefault("CLOUDSYNC_TEST_GCS_PROJECT", "");
    String uri =
        "gs://"
            + bucket
            + "/cloudsync-contract-"
            + UUID.randomUUID()
            + (project.isBlank() ? "" : "?project=" + project);
    backend = StorageProviders.load().open(new BackendConfig(BackendUri.parse(uri), Map.of(), env));
    System.err.println("cloud-tests: GCS contract against " + backend.describe().location());
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

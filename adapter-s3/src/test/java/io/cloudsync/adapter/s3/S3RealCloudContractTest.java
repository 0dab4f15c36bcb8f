package io.cloudsync.adapter.s3;

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
 * The conformance suite against real Amazon S3: opt-in, with {@code ./mvnw -Pcloud-tests verify},
 * {@code CLOUDSYNC_TEST_S3_BUCKET} (an existing bucket it may write to) and AWS credentials ({@code
 * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, or {@code AWS_PROFILE}); optionally {@code
 * CLOUDSYNC_TEST_S3_REGION}. It works under a fresh prefix and deletes what it wrote. Without those
 * settings it is skipped, saying why.
 */
@Tag("cloud")
@EnabledIfSystemProperty(
    named = "cloudsync.cloud-tests",
    matches = "true",
    disabledReason = "real-cloud contract: run with -Pcloud-tests")
class S3RealCloudContractTest extends StorageBackendContract {
  private static StorageBackend backend;

  @BeforeAll
  static void open() {
    Map<String, String> env = System.getenv();
    String bucket = env.getOrDefault("CLOUDSYNC_TEST_S3_BUCKET", "");
    boolean keys = !env.getOrDefault("AWS_ACCESS_KEY_ID", "").isBlank();
    boolean profile = !env.getOrDefault("AWS_PROFILE", "").isBlank();
    String reason =
        bucket.isBlank()
            ? "CLOUDSYNC_TEST_S3_BUCKET is not set"
            : !keys && !profile ? "neither AWS_ACCESS_KEY_ID nor AWS_PROFILE is set" : null;
    if (reason != null) {
      System.err.println("cloud-tests: S3 skipped: " + reason);
    }
    Assumptions.assumeTrue(reason == null, () -> "S3 skipped: " + reason);
    String region = env.getOrDefault("CLOUDSYNC_TEST_S3_REGION", "");
    String uri =
        "s3://"
            + bucket
            + "/cloudsync-contract-"
            + UUID.randomUUID()
            + (region.isBlank() ? "" : "?region=" + region);
    backend = StorageProviders.load().open(new BackendConfig(BackendUri.parse(uri), Map.of(), env));
    System.err.println("cloud-tests: S3 contract against " + backend.describe().location());
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

  /**
   * Without bucket versioning, an S3 version token is the ETag, which for a single upload is the
   * MD5 of the content: rewriting or copying identical bytes keeps it.
   */
  @Override
  protected boolean versionTokenFollowsContent() {
    return true;
  }

  @Override
  protected boolean deleteAfterEachTest() {
    return true;
  }
}

package io.cloudsync.adapter.gcs;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.testkit.StorageBackendContract;
import io.cloudsync.testkit.gcs.GcsEmulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite through the official google-cloud-storage client, against {@link
 * GcsEmulator}. No GCS server runs on the machines this project builds on (no emulator can be
 * installed here), so the testkit's emulator serves the JSON API in this JVM, following Google's
 * documented wire protocol (uploads media, multipart and resumable; ranged media downloads; paged
 * listings; generations and preconditions; rewrite). The same suite runs against real GCS in the
 * {@code cloud-tests} profile ({@code GcsRealCloudContractTest}).
 */
class GcsStorageBackendContractTest extends StorageBackendContract {
  private static final String BUCKET = "contract";
  private static final String ROOT = "root";
  private static GcsEmulator emulator;
  private static StorageBackend backend;

  @BeforeAll
  static void start() {
    emulator = GcsEmulator.start();
    emulator.createBucket(BUCKET);
    backend =
        new GcsStorageProvider()
            .open(
                new BackendConfig(
                    BackendUri.parse("gs://" + BUCKET + "/" + ROOT),
                    Map.of(),
                    Map.of("STORAGE_EMULATOR_HOST", emulator.hostAndPort())));
  }

  @AfterAll
  static void stop() {
    backend.close();
    emulator.close();
  }

  @Override
  protected StorageBackend backend() {
    return backend;
  }

  @Override
  protected boolean plantRawObject(String rawName, byte[] content) {
    emulator.plant(BUCKET, ROOT + "/" + rawName, content);
    return true;
  }
}

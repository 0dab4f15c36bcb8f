package io.cloudsync.adapter.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.BlobWriteSessionConfigs;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.StorageOptions;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Google Cloud Storage: {@code gs://bucket/prefix?project=…&endpoint=…}, or the {@code gcs:}
 * section of {@code cloudsync.yaml} ({@code bucket}, {@code prefix}, {@code project}, {@code
 * credentials_file}). See {@link GcsConfig} for every option.
 *
 * <p>Credentials, first found wins: the {@code credentials-file} option; none at all when an {@code
 * endpoint} (or {@code STORAGE_EMULATOR_HOST}) points at an emulator; the file named by {@code
 * GOOGLE_APPLICATION_CREDENTIALS}; Application Default Credentials. A credentials file that cannot
 * be read or parsed is an {@link InvalidConfigException} naming the file, never quoting it.
 */
public final class GcsStorageProvider implements StorageProvider {

  /** The scope cloudsync needs: read, write and create buckets. */
  static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";

  /** The project used against an emulator when none is configured. */
  static final String EMULATOR_PROJECT = "cloudsync-local";

  /** For the service loader. */
  public GcsStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("gs");
  }

  @Override
  public String description() {
    return "Google Cloud Storage (and servers speaking its JSON API)";
  }

  @Override
  public StorageBackend open(BackendConfig config) {
    GcsConfig gcs = GcsConfig.from(config);
    Credentials credentials = credentials(gcs, config);
    HttpStorageOptions.Builder options =
        StorageOptions.http()
            .setCredentials(credentials)
            .setTransportOptions(
                HttpTransportOptions.newBuilder()
                    .setConnectTimeout(10_000)
                    .setReadTimeout(60_000)
                    .build())
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(gcs.maxAttempts())
                    .setInitialRetryDelayDuration(Duration.ofMillis(200))
                    .setRetryDelayMultiplier(2.0)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(8))
                    .setTotalTimeoutDuration(Duration.ofMinutes(2))
                    .setInitialRpcTimeoutDuration(Duration.ofMinutes(2))
                    .setRpcTimeoutMultiplier(1.0)
                    .setMaxRpcTimeoutDuration(Duration.ofMinutes(2))
                    .build());
    options.setBlobWriteSessionConfig(
        BlobWriteSessionConfigs.getDefault().withChunkSize(gcs.chunkSize()));
    gcs.endpoint().ifPresent(options::setHost);
    Optional<String> project = gcs.project().or(() -> gcs.endpoint().map(e -> EMULATOR_PROJECT));
    project.ifPresent(options::setProjectId);
    return new GcsStorageBackend(gcs, options.build().getService());
  }

  private static Credentials credentials(GcsConfig gcs, BackendConfig config) {
    if (gcs.credentialsFile().isPresent()) {
      return load(gcs.credentialsFile().get(), "credentials_file", gcs.location());
    }
    if (gcs.endpoint().isPresent()) {
      return NoCredentials.getInstance();
    }
    Optional<String> fromEnv = config.env("GOOGLE_APPLICATION_CREDENTIALS");
    if (fromEnv.isPresent()) {
      return load(Path.of(fromEnv.get()), "GOOGLE_APPLICATION_CREDENTIALS", gcs.location());
    }
    try {
      return scoped(GoogleCredentials.getApplicationDefault());
    } catch (IOException e) {
      throw new InvalidConfigException(
          gcs.location(),
          "no Google credentials found: set GOOGLE_APPLICATION_CREDENTIALS or credentials_file,"
              + " or run 'gcloud auth application-default login'");
    }
  }

  /**
   * Reads a credentials file. Failures name the file and the setting, never its content: parser
   * messages can quote the text they choke on, so they are not kept.
   */
  @SuppressWarnings("deprecation") // fromStream: the file is the user's own choice of credentials
  static Credentials load(Path file, String setting, String location) {
    String named = setting + " " + file;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(location, named + " does not exist");
    } catch (AccessDeniedException e) {
      throw new InvalidConfigException(location, named + " cannot be read: permission denied");
    } catch (IOException e) {
      throw new InvalidConfigException(
          location, named + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      return scoped(GoogleCredentials.fromStream(in));
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigException(
          location,
          named
              + " is not a Google credentials JSON file (a service-account key or"
              + " authorized-user file)");
    }
  }

  private static Credentials scoped(GoogleCredentials credentials) {
    return credentials.createScopedRequired() ? credentials.createScoped(SCOPE) : credentials;
  }
}

package io.cloudsync.adapter.gcs;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings of a Google Cloud Storage backend, read once from a {@link BackendConfig}.
 *
 * <p>URI: {@code gs://bucket/prefix?project=…&endpoint=…}. Options (URI query or the {@code gcs:}
 * section of {@code cloudsync.yaml}, where {@code snake_case} keys arrive as {@code kebab-case}):
 *
 * <ul>
 *   <li>{@code project} (alias {@code project-id}; else {@code GOOGLE_CLOUD_PROJECT}): the project
 *       that owns new buckets;
 *   <li>{@code credentials-file} (aliases {@code credentials}, {@code keyfile}): a service-account
 *       or authorized-user JSON file ({@code ~/} is the home folder); else {@code
 *       GOOGLE_APPLICATION_CREDENTIALS}; else Application Default Credentials;
 *   <li>{@code endpoint} (alias {@code endpoint-url}; else {@code STORAGE_EMULATOR_HOST}): another
 *       server speaking the JSON API, such as an emulator; it is used without credentials unless a
 *       credentials file is named;
 *   <li>{@code upload-threshold} (alias {@code multipart-threshold}, default 8M): larger content
 *       goes by resumable upload, smaller in one request;
 *   <li>{@code chunk-size} (alias {@code part-size}, default 16M, rounded up to 256 KiB): the size
 *       of each request of a resumable upload;
 *   <li>{@code max-attempts} (default 4): tries per request, for retryable failures.
 * </ul>
 *
 * @param location the printable root, {@code gs://bucket/prefix}
 * @param bucket the bucket
 * @param prefix the key prefix without surrounding {@code /}, {@code ""} for the whole bucket
 * @param project the project, when known
 * @param endpoint the JSON API server, when not Google's
 * @param credentialsFile the credentials file, when one is named
 * @param uploadThreshold the size above which uploads are resumable
 * @param chunkSize the size of a resumable upload's requests, a multiple of 256 KiB
 * @param maxAttempts tries per request
 */
public record GcsConfig(
    String location,
    String bucket,
    String prefix,
    Optional<String> project,
    Optional<String> endpoint,
    Optional<Path> credentialsFile,
    long uploadThreshold,
    int chunkSize,
    int maxAttempts) {

  /** The default size above which uploads are resumable. */
  public static final long DEFAULT_UPLOAD_THRESHOLD = 8L << 20;

  /** The default size of a resumable upload's requests. */
  public static final int DEFAULT_CHUNK_SIZE = 16 << 20;

  private static final int CHUNK_QUANTUM = 256 << 10;

  /** Validates the fields. */
  public GcsConfig {
    requireNonNull(location, "location is null");
    requireNonNull(bucket, "bucket is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(project, "project is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(credentialsFile, "credentialsFile is null");
    if (bucket.isEmpty()) {
      throw new InvalidConfigException(location, "no bucket given; write gs://bucket/prefix");
    }
    if (uploadThreshold < 0) {
      throw new InvalidConfigException(location, "upload-threshold is negative");
    }
    if (chunkSize < CHUNK_QUANTUM || chunkSize % CHUNK_QUANTUM != 0) {
      throw new InvalidConfigException(
          location, "chunk-size must be a positive multiple of 256K, got " + chunkSize);
    }
    if (maxAttempts < 1) {
      throw new InvalidConfigException(location, "max-attempts must be at least 1");
    }
  }

  /**
   * Reads the settings of {@code config}.
   *
   * @throws InvalidConfigException naming the setting when one is malformed
   */
  public static GcsConfig from(BackendConfig config) {
    String location = config.uri().location();
    if (!config.uri().scheme().equals("gs")) {
      throw new InvalidConfigException(location, "not a gs:// URI");
    }
    Optional<String> endpoint =
        config
            .option("endpoint", "endpoint-url")
            .or(() -> config.env("STORAGE_EMULATOR_HOST"))
            .map(e -> endpoint(location, e));
    Optional<Path> credentials =
        config
            .option("credentials-file", "credentials", "keyfile")
            .map(f -> expandHome(f, config.env("HOME")));
    long threshold =
        config.option("upload-threshold").isPresent()
            ? config.size("upload-threshold", DEFAULT_UPLOAD_THRESHOLD)
            : config.size("multipart-threshold", DEFAULT_UPLOAD_THRESHOLD);
    long chunk =
        config.option("chunk-size").isPresent()
            ? config.size("chunk-size", DEFAULT_CHUNK_SIZE)
            : config.size("part-size", DEFAULT_CHUNK_SIZE);
    if (chunk <= 0 || chunk > (1L << 30)) {
      throw new InvalidConfigException(location, "chunk-size must lie between 256K and 1G");
    }
    long rounded = (chunk + CHUNK_QUANTUM - 1) / CHUNK_QUANTUM * CHUNK_QUANTUM;
    int attempts;
    try {
      attempts = Integer.parseInt(config.option("max-attempts").orElse("4"));
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(location, "max-attempts must be a whole number");
    }
    return new GcsConfig(
        location,
        config.uri().bucket(),
        config.uri().path(),
        config.option("project", "project-id").or(() -> config.env("GOOGLE_CLOUD_PROJECT")),
        endpoint,
        credentials,
        threshold,
        (int) rounded,
        attempts);
  }

  private static Path expandHome(String file, Optional<String> home) {
    if (home.isPresent() && (file.equals("~") || file.startsWith("~/"))) {
      return Path.of(home.get()).resolve(file.substring(Math.min(2, file.length())));
    }
    return Path.of(file);
  }

  private static String endpoint(String location, String text) {
    String withScheme = text.contains("://") ? text : "http://" + text;
    try {
      URI uri = new URI(withScheme);
      if (uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
      return uri.getScheme() + "://" + uri.getRawAuthority() + path;
    } catch (URISyntaxException e) {
      throw new InvalidConfigException(
          location, "endpoint '" + text + "' is not a URL such as http://127.0.0.1:4443");
    }
  }

  /** The object name of a key (or key prefix) under this root. */
  String objectName(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** The name prefix of everything under this root: {@code ""} or {@code "prefix/"}. */
  String rootPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }
}

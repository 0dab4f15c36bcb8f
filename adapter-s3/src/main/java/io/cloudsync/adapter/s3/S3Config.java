package io.cloudsync.adapter.s3;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of one S3 backend, read once from a {@link BackendConfig}.
 *
 * <p>Options (URI query parameters or {@code cloudsync.yaml} keys under {@code s3:}): {@code
 * region}, {@code endpoint} (alias {@code endpoint-url}), {@code path-style}, {@code profile},
 * {@code multipart-threshold}, {@code part-size}, {@code part-concurrency}, {@code
 * conditional-delete}. No credential is ever part of the configuration: they come from the SDK's
 * default chain (or the named profile).
 *
 * @param bucket the bucket name
 * @param prefix the key prefix of the root, without leading or trailing {@code /} ({@code ""} for
 *     the whole bucket)
 * @param region the configured region, empty to discover it (then {@code us-east-1} with
 *     cross-region access)
 * @param endpoint an S3-compatible endpoint (MinIO, Ceph, R2, Supabase), empty for AWS
 * @param pathStyle whether to address the bucket in the path rather than the host name; defaults to
 *     {@code true} with a custom endpoint, since most S3-compatible stores expect it
 * @param profile a named profile of the shared AWS config files, empty for the default chain
 * @param multipartThreshold content of this size or more is uploaded in parts
 * @param partSize the size of each part (5 MiB to 5 GiB)
 * @param partConcurrency how many parts of this backend travel at once; the upload buffers are
 *     bounded by {@code partConcurrency × partSize}
 * @param conditionalDelete whether the store honours {@code If-Match} on DELETE (option {@code
 *     conditional-delete}, default {@code true}); where it does not, a conditional delete checks
 *     the version first and deletes unconditionally, leaving a short race window
 */
public record S3Config(
    String bucket,
    String prefix,
    Optional<String> region,
    Optional<URI> endpoint,
    boolean pathStyle,
    Optional<String> profile,
    long multipartThreshold,
    long partSize,
    int partConcurrency,
    boolean conditionalDelete,
    Optional<String> storageClass) {

  /** The default size from which uploads go in parts: 16 MiB. */
  public static final long DEFAULT_MULTIPART_THRESHOLD = 16L << 20;

  /** The default part size: 8 MiB. */
  public static final long DEFAULT_PART_SIZE = 8L << 20;

  /** The default number of parts in flight: 4. */
  public static final int DEFAULT_PART_CONCURRENCY = 4;

  /** S3's smallest part (but the last). */
  static final long MIN_PART_SIZE = 5L << 20;

  /** S3's largest part. */
  static final long MAX_PART_SIZE = 5L << 30;

  /** Validates the fields. */
  public S3Config {
    requireNonNull(bucket, "bucket is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(region, "region is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(profile, "profile is null");
    requireNonNull(storageClass, "storageClass is null");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("bucket is blank");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must not start or end with '/': " + prefix);
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new IllegalArgumentException("part size must be between 5 MiB and 5 GiB: " + partSize);
    }
    if (multipartThreshold < 1) {
      throw new IllegalArgumentException("multipart threshold must be positive");
    }
    if (partConcurrency < 1 || partConcurrency > 64) {
      throw new IllegalArgumentException("part concurrency must be between 1 and 64");
    }
  }

  /** The printable root: {@code s3://bucket/prefix}. */
  public String location() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /**
   * Reads the settings of {@code config}.
   *
   * @throws InvalidConfigException naming the root when a setting is malformed
   */
  public static S3Config from(BackendConfig config) {
    requireNonNull(config, "config is null");
    String location = config.uri().location();
    if (!config.uri().scheme().equals("s3")) {
      throw new InvalidConfigException(location, "not an s3:// URI");
    }
    checkBucket(location, config.uri().bucket());
    Optional<URI> endpoint =
        config.option("endpoint", "endpoint-url").map(e -> endpoint(location, e));
    Optional<String> region =
        config
            .option("region")
            .or(() -> config.env("AWS_REGION"))
            .or(() -> config.env("AWS_DEFAULT_REGION"));
    region.ifPresent(r -> checkRegion(location, r));
    long threshold = config.size("multipart-threshold", DEFAULT_MULTIPART_THRESHOLD);
    long partSize = config.size("part-size", DEFAULT_PART_SIZE);
    int concurrency = concurrency(location, config.option("part-concurrency"));
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new InvalidConfigException(
          location, "option part-size: must be between 5 MiB and 5 GiB (S3's part limits)");
    }
    if (threshold < 1) {
      throw new InvalidConfigException(location, "option multipart-threshold: must be positive");
    }
    return new S3Config(
        config.uri().bucket(),
        config.uri().path(),
        region,
        endpoint,
        config.flag("path-style", endpoint.isPresent()),
        config.option("profile"),
        threshold,
        partSize,
        concurrency,
        config.flag("conditional-delete", true),
        config.option("storage-class").map(c -> storageClass(location, c)));
  }

  /**
   * S3's bucket names are 3 to 63 characters; S3-compatible stores and older buckets allow capitals
   * and underscores too, so only what no S3 API accepts is refused here, before the SDK would
   * refuse it with an exception of its own.
   */
  private static void checkBucket(String location, String bucket) {
    String problem = null;
    if (bucket.length() < 3 || bucket.length() > 63) {
      problem = "must be 3 to 63 characters long";
    } else if (!bucket.matches("[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")) {
      problem =
          "may hold only letters, digits, dots, hyphens and underscores, and must start and end"
              + " with a letter or digit";
    }
    if (problem != null) {
      throw new InvalidConfigException(
          location,
          "bucket name '"
              + bucket.replaceAll("\\p{Cntrl}", "?")
              + "' "
              + problem
              + " (S3's naming rules); name an existing bucket, e.g. s3://my-bucket/prefix");
    }
  }

  private static URI endpoint(String location, String text) {
    String problem = null;
    URI uri = null;
    try {
      uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problem = "it must start with http:// or https://";
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        problem = "it names no host";
      } else if (uri.getUserInfo() != null) {
        problem = "it must not hold credentials";
      } else if (uri.getQuery() != null || uri.getFragment() != null) {
        problem = "it must not have a query or fragment";
      }
    } catch (URISyntaxException e) {
      problem = "it is not a URL";
    }
    if (problem != null) {
      throw new InvalidConfigException(
          location,
          "malformed endpoint URL '"
              + printable(text)
              + "' ("
              + problem
              + "); expected e.g."
              + " https://s3.example.com or http://127.0.0.1:9000");
    }
    return uri;
  }

  /** The endpoint text for a message, without any user-info part that might hold a secret. */
  private static String printable(String text) {
    int at = text.indexOf('@');
    int scheme = text.indexOf("://");
    if (at > 0) {
      return (scheme > 0 && scheme < at ? text.substring(0, scheme + 3) : "")
          + "***@"
          + text.substring(at + 1);
    }
    return text;
  }

  private static String storageClass(String location, String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (!upper.matches("[A-Z_]{2,40}")) {
      throw new InvalidConfigException(
          location, "option storage-class: '" + text + "' is not a class such as STANDARD_IA");
    }
    return upper;
  }

  private static void checkRegion(String location, String region) {
    if (!region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new InvalidConfigException(
          location, "option region: '" + region + "' is not a region name such as eu-west-1");
    }
  }

  private static int concurrency(String location, Optional<String> text) {
    if (text.isEmpty()) {
      return DEFAULT_PART_CONCURRENCY;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= 1 && value <= 64) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidConfigException(
        location, "option part-concurrency: expected a number from 1 to 64, got " + text.get());
  }
}

package io.cloudsync.adapter.s3;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the synchronous SDK clients of one backend: one with the SDK's retries, for requests whose
 * body can be sent again, and one without, for requests streaming a body that can be read only once
 * (the caller retries those with a fresh stream). Both share one connection pool. The second client
 * replaces a per-request override plugin, which made the SDK rebuild its configuration for every
 * such request.
 */
final class S3ClientFactory {
  /** The region used when none is configured; cross-region access then finds the bucket's own. */
  static final String DEFAULT_REGION = "us-east-1";

  private final S3Config config;
  private final AwsCredentialsProvider credentials;
  private final List<ExecutionInterceptor> interceptors;
  private final Lazy standard = new Lazy(() -> build(true));
  private final Lazy withoutRetries = new Lazy(() -> build(false));
  private SdkHttpClient http;

  S3ClientFactory(S3Config config, AwsCredentialsProvider credentials) {
    this(config, credentials, List.of());
  }

  /** With SDK interceptors that observe the requests (tests count the parts in flight). */
  S3ClientFactory(
      S3Config config,
      AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> interceptors) {
    this.config = requireNonNull(config, "config is null");
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.interceptors = List.copyOf(interceptors);
  }

  /** The client with the SDK's standard retries, made on first use. */
  S3Client standard() {
    return standard.get();
  }

  /** The client that never repeats a request, made on first use; it shares the connections. */
  S3Client withoutRetries() {
    return withoutRetries.get();
  }

  /** Closes the clients made so far and their connection pool; later calls make new ones. */
  synchronized void close() {
    standard.close();
    withoutRetries.close();
    if (http != null) {
      http.close();
      http = null;
    }
  }

  /** One client, built when first asked for. */
  private static final class Lazy {
    private final Supplier<S3Client> build;
    private volatile S3Client client;

    Lazy(Supplier<S3Client> build) {
      this.build = build;
    }

    S3Client get() {
      S3Client current = client;
      if (current == null) {
        synchronized (this) {
          current = client;
          if (current == null) {
            current = build.get();
            client = current;
          }
        }
      }
      return current;
    }

    synchronized void close() {
      if (client != null) {
        client.close();
        client = null;
      }
    }
  }

  private synchronized SdkHttpClient http() {
    if (http == null) {
      http =
          Apache5HttpClient.builder()
              .maxConnections(Math.max(64, config.partConcurrency() * 4))
              .connectionTimeout(Duration.ofSeconds(10))
              .socketTimeout(Duration.ofMinutes(2))
              // One round trip per small PUT instead of two; most objects of a sync are small.
              .expectContinueEnabled(false)
              .build();
    }
    return http;
  }

  private S3Client build(boolean retries) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(http())
            .putAuthScheme(new UnsignedPayloadAuthScheme())
            .credentialsProvider(credentials)
            .region(Region.of(config.region().orElse(DEFAULT_REGION)))
            .forcePathStyle(config.pathStyle())
            // The SHA-256 of every object is computed and checked by cloudsync itself; the SDK's
            // default CRC trailers are refused by several S3-compatible stores.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    // A bucket on AWS whose region was not configured: follow S3's redirect to its region. With a
    // configured region a mismatch is reported instead, naming the bucket's region.
    builder.crossRegionAccessEnabled(config.region().isEmpty() && config.endpoint().isEmpty());
    config.endpoint().ifPresent(builder::endpointOverride);
    if (!retries || !interceptors.isEmpty()) {
      // One override for both: each call to overrideConfiguration replaces the previous one.
      builder.overrideConfiguration(
          o -> {
            if (!retries) {
              o.retryStrategy(AwsRetryStrategy.doNotRetry());
            }
            interceptors.forEach(o::addExecutionInterceptor);
          });
    }
    return builder.build();
  }
}

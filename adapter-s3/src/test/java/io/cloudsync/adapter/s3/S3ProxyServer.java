package io.cloudsync.adapter.s3;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.testkit.s3proxy.InProcessS3Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One S3Proxy for the whole test JVM: in memory ({@code transient}) or on disk, over HTTP on a free
 * port of 127.0.0.1, checking SigV4 signatures. Tests isolate themselves with a fresh bucket each.
 */
final class S3ProxyServer {
  static final String ACCESS_KEY = "cloudsync-test-access";
  static final String SECRET_KEY = "cloudsync-test-secret-0123456789";

  private static S3ProxyServer inMemory;
  private static S3ProxyServer onDisk;

  private final InProcessS3Proxy proxy;

  private S3ProxyServer(InProcessS3Proxy.Store store) {
    proxy = InProcessS3Proxy.start(store, ACCESS_KEY, SECRET_KEY);
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
  }

  /** The in-memory server, started on first use. */
  static synchronized S3ProxyServer get() {
    if (inMemory == null) {
      inMemory = new S3ProxyServer(InProcessS3Proxy.Store.MEMORY);
    }
    return inMemory;
  }

  /**
   * A server keeping objects in files under a temporary folder, started on first use: for large
   * objects, which the in-memory store would hold on this JVM's heap.
   */
  static synchronized S3ProxyServer onDisk() {
    if (onDisk == null) {
      onDisk = new S3ProxyServer(InProcessS3Proxy.Store.FILES);
    }
    return onDisk;
  }

  URI endpoint() {
    return proxy.endpoint();
  }

  /** An environment holding the server's credentials, the way a user's shell would. */
  static Map<String, String> credentials() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  /** A fresh bucket name. */
  static String freshBucket() {
    return "b-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** The config of {@code s3://bucket/prefix} on this server, with extra options. */
  BackendConfig config(String bucketAndPrefix, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.putIfAbsent("endpoint", endpoint().toString());
    all.putIfAbsent("region", "us-east-1");
    return new BackendConfig(BackendUri.parse("s3://" + bucketAndPrefix), all, credentials());
  }

  /** Opens a backend through the provider registry, as the CLI does. */
  S3StorageBackend open(String bucketAndPrefix, Map<String, String> options) {
    return (S3StorageBackend) StorageProviders.load().open(config(bucketAndPrefix, options));
  }

  /** Opens a backend on a new, empty bucket. */
  S3StorageBackend openFresh(String prefix, Map<String, String> options) {
    String bucket = freshBucket();
    S3StorageBackend backend = open(bucket + (prefix.isEmpty() ? "" : "/" + prefix), options);
    backend.createBucket();
    return backend;
  }

  /**
   * Opens a backend on a new, empty bucket whose SDK clients carry {@code interceptors}, which
   * watch the requests as they are sent.
   */
  S3StorageBackend openFreshWatched(
      Map<String, String> options, List<ExecutionInterceptor> interceptors) {
    BackendConfig config = config(freshBucket(), options);
    S3Config s3 = S3Config.from(config);
    S3StorageBackend backend =
        new S3StorageBackend(
            s3,
            new S3ClientFactory(
                s3, ConfiguredCredentials.from(config, s3.profile()), interceptors));
    backend.createBucket();
    return backend;
  }
}

package io.cloudsync.engine.campaign;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.testkit.s3proxy.InProcessS3Proxy;
import java.util.Map;
import java.util.UUID;

/**
 * An S3Proxy in this JVM (in-memory store, SigV4 checked, on a free port of 127.0.0.1) and s3://
 * backends on fresh buckets of it, opened through the provider registry as a run opens them.
 */
final class S3ProxyRemote implements AutoCloseable {
  private static final String ACCESS_KEY = "campaign-access";
  private static final String SECRET_KEY = "campaign-secret-0123456789";

  private final InProcessS3Proxy proxy =
      InProcessS3Proxy.start(InProcessS3Proxy.Store.MEMORY, ACCESS_KEY, SECRET_KEY);

  /** A backend on a new, empty bucket. */
  StorageBackend freshBucket() {
    String bucket = "w-" + UUID.randomUUID().toString().substring(0, 12);
    StorageBackend backend =
        StorageProviders.load()
            .open(
                new BackendConfig(
                    BackendUri.parse("s3://" + bucket),
                    Map.of("endpoint", proxy.endpoint().toString(), "region", "us-east-1"),
                    proxy.credentials()));
    ((SupportsBucketCreation) backend).createBucket();
    return backend;
  }

  @Override
  public void close() {
    proxy.close();
  }
}

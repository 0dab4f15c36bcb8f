package io.cloudsync.engine.campaign;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.SupportsBucketCreation;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3Proxy in this JVM (in-memory store, SigV4 checked, on a free port of 127.0.0.1) and s3://
 * backends on fresh buckets of it, opened through the provider registry as a run opens them.
 */
final class S3ProxyRemote implements AutoCloseable {
  private static final String ACCESS_KEY = "campaign-access";
  private static final String SECRET_KEY = "campaign-secret-0123456789";

  private final S3Proxy proxy;
  private final URI endpoint;

  S3ProxyRemote() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", ACCESS_KEY);
    properties.setProperty("jclouds.credential", SECRET_KEY);
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", properties))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!proxy.getState().equals("STARTED")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** A backend on a new, empty bucket. */
  StorageBackend freshBucket() {
    String bucket = "w-" + UUID.randomUUID().toString().substring(0, 12);
    StorageBackend backend =
        StorageProviders.load()
            .open(
                new BackendConfig(
                    BackendUri.parse("s3://" + bucket),
                    Map.of("endpoint", endpoint.toString(), "region", "us-east-1"),
                    Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY)));
    ((SupportsBucketCreation) backend).createBucket();
    return backend;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}

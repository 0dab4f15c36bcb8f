package io.cloudsync.cli.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * One S3Proxy per test JVM for the end-to-end tests: objects in files under a temporary folder,
 * SigV4 over HTTP on a free port of 127.0.0.1.
 */
final class S3ProxyForCli {
  static final String ACCESS_KEY = "e2e-access";
  static final String SECRET_KEY = "e2e-secret-0123456789abcdef";

  private static S3ProxyForCli instance;

  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyForCli() throws Exception {
    Path base = Files.createTempDirectory("cloudsync-e2e-s3-");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", base.toString());
    properties.setProperty("jclouds.identity", ACCESS_KEY);
    properties.setProperty("jclouds.credential", SECRET_KEY);
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem", properties))
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

  static synchronized S3ProxyForCli get() {
    if (instance == null) {
      try {
        instance = new S3ProxyForCli();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start S3Proxy", e);
      }
    }
    return instance;
  }

  URI endpoint() {
    return endpoint;
  }

  /** The environment of a user whose shell holds the server's credentials. */
  static Map<String, String> credentials() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  static String freshBucket() {
    return "e2e-" + UUID.randomUUID().toString().substring(0, 12);
  }
}

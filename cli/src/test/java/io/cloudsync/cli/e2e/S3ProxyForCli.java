package io.cloudsync.cli.e2e;

import io.cloudsync.testkit.s3proxy.InProcessS3Proxy;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * One S3Proxy per test JVM for the end-to-end tests: objects in files under a temporary folder,
 * SigV4 over HTTP on a free port of 127.0.0.1.
 */
final class S3ProxyForCli {
  static final String ACCESS_KEY = "e2e-access";
  static final String SECRET_KEY = "e2e-secret-0123456789abcdef";

  private static S3ProxyForCli instance;

  private final InProcessS3Proxy proxy =
      InProcessS3Proxy.start(InProcessS3Proxy.Store.FILES, ACCESS_KEY, SECRET_KEY);

  private S3ProxyForCli() {
    // Stopped, and its folder deleted, when the test JVM ends.
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
  }

  static synchronized S3ProxyForCli get() {
    if (instance == null) {
      instance = new S3ProxyForCli();
    }
    return instance;
  }

  URI endpoint() {
    return proxy.endpoint();
  }

  /** The environment of a user whose shell holds the server's credentials. */
  static Map<String, String> credentials() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  static String freshBucket() {
    return "e2e-" + UUID.randomUUID().toString().substring(0, 12);
  }
}

package io.cloudsync.testkit.s3proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3Proxy in this JVM for tests that need a real S3 server over HTTP: SigV2/SigV4 checked
 * against one key pair, on a free port of 127.0.0.1. Objects live in memory ({@link Store#MEMORY})
 * or in files under a temporary folder ({@link Store#FILES}, for objects too large for the test
 * heap). S3Proxy is an optional dependency of the testkit: a module that starts one declares {@code
 * org.gaul:s3proxy} itself.
 */
public final class InProcessS3Proxy implements AutoCloseable {
  /** Where the server keeps objects. */
  public enum Store {
    MEMORY,
    FILES
  }

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final Optional<Path> folder;

  private InProcessS3Proxy(
      S3Proxy proxy, URI endpoint, String accessKey, String secretKey, Optional<Path> folder) {
    this.proxy = proxy;
    this.folder = folder;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server and waits until it answers (30 s at most).
   *
   * @throws IllegalStateException when it does not start
   */
  public static InProcessS3Proxy start(Store store, String accessKey, String secretKey) {
    try {
      Properties properties = new Properties();
      Optional<Path> folder = Optional.empty();
      if (store == Store.FILES) {
        Path base = Files.createTempDirectory("cloudsync-s3proxy-");
        folder = Optional.of(base);
        properties.setProperty("jclouds.filesystem.basedir", base.toString());
      }
      properties.setProperty("jclouds.identity", accessKey);
      properties.setProperty("jclouds.credential", secretKey);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(
                  BlobStores.create(store == Store.FILES ? "filesystem" : "transient", properties))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
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
      return new InProcessS3Proxy(
          proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), accessKey, secretKey, folder);
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start S3Proxy (" + store + ")", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The environment of a user whose shell holds the server's credentials. */
  public Map<String, String> credentials() {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey);
  }

  /** Stops the server and deletes the folder that held its objects (a files store). */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // Stopping at the end of the tests: nothing is left to protect.
    }
    folder.ifPresent(InProcessS3Proxy::deleteTree);
  }

  /**
   * Deletes a store's folder. Deleting on exit would not do: the JVM removes only empty folders,
   * and every run of the tests used to leave its objects (25 MB and more) in the temp folder.
   */
  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A file vanishing under the walk, or an unreadable one: what remains is the temp folder's.
    }
  }
}

package io.cloudsync.adapter.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendDescription.Health;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class S3BadInputTest {
  private static final S3ProxyServer SERVER = S3ProxyServer.get();

  private static StorageBackend open(
      String uri, Map<String, String> options, Map<String, String> env) {
    return StorageProviders.load().open(new BackendConfig(BackendUri.parse(uri), options, env));
  }

  private static void write(StorageBackend backend, String key) {
    byte[] bytes = "x".getBytes(UTF_8);
    backend.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        1,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }

  /** One line, starting with the location, holding no secret. */
  private static void assertOneLine(Throwable e, String location) {
    assertThat(e.getMessage())
        .startsWith(location + ": ")
        .doesNotContain("\n")
        .doesNotContain(S3ProxyServer.SECRET_KEY)
        .doesNotContain("wrong-secret-value");
  }

  private static StorageException failure(ThrowingCallable call) {
    try {
      call.call();
    } catch (StorageException e) {
      return e;
    } catch (Throwable e) {
      throw new AssertionError("expected a StorageException", e);
    }
    throw new AssertionError("expected a StorageException, nothing was thrown");
  }

  @Test
  void wrongCredentialsAreRejectedWithoutShowingThem() {
    String bucket = S3ProxyServer.freshBucket();
    try (StorageBackend good = SERVER.open(bucket, Map.of())) {
      ((S3StorageBackend) good).createBucket();
    }
    Map<String, String> env = new HashMap<>(S3ProxyServer.credentials());
    env.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-value");
    try (StorageBackend backend =
        open(
            "s3://" + bucket + "/p",
            Map.of("endpoint", SERVER.endpoint().toString(), "region", "us-east-1"),
            env)) {
      StorageException e = failure(() -> write(backend, "a.txt"));
      assertThat(e).isInstanceOf(AccessDeniedException.class);
      assertThat(e.getMessage()).contains("credentials rejected");
      assertOneLine(e, "s3://" + bucket + "/p/a.txt");
      assertThat(backend.describe().health()).isEqualTo(Health.UNAUTHORIZED);
    }
  }

  @Test
  void aMissingBucketIsNotFoundNamingTheBucket() {
    String bucket = S3ProxyServer.freshBucket();
    try (StorageBackend backend = SERVER.open(bucket + "/docs", Map.of())) {
      StorageException e = failure(() -> write(backend, "a.txt"));
      assertThat(e).isInstanceOf(NotFoundException.class);
      assertThat(e.getMessage()).isEqualTo("s3://" + bucket + ": bucket does not exist");
      StorageException listing = failure(() -> backend.list("").toList());
      assertThat(listing).isInstanceOf(NotFoundException.class);
      assertOneLine(listing, "s3://" + bucket);
      assertThat(backend.describe().health()).isEqualTo(Health.MISSING);
    }
  }

  @Test
  void anUnreachableEndpointSaysSo() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (StorageBackend backend =
        open(
            "s3://bucket/p",
            Map.of("endpoint", "http://127.0.0.1:" + closedPort, "region", "us-east-1"),
            S3ProxyServer.credentials())) {
      StorageException e = failure(() -> backend.stat(ObjectKey.of("a.txt")));
      assertThat(e).isInstanceOf(BackendUnreachableException.class);
      assertOneLine(e, "s3://bucket/p/a.txt");
      assertThat(e.getMessage()).contains("cannot connect");
      assertThat(backend.describe().health()).isEqualTo(Health.UNREACHABLE);
    }
  }

  @Test
  void anUnknownHostIsUnreachable() {
    try (StorageBackend backend =
        open(
            "s3://bucket",
            Map.of("endpoint", "http://no-such-host.invalid:9000", "region", "us-east-1"),
            S3ProxyServer.credentials())) {
      StorageException e = failure(() -> backend.read(ObjectKey.of("a.txt")));
      assertThat(e).isInstanceOf(BackendUnreachableException.class);
      assertThat(e.getMessage()).contains("unknown host");
      assertOneLine(e, "s3://bucket/a.txt");
    }
  }

  @Test
  void aMalformedEndpointIsAConfigurationError() {
    for (String endpoint : new String[] {"localhost:9000", "http://", "ht tp://x", "ftp://host"}) {
      assertThatThrownBy(() -> open("s3://bucket/p", Map.of("endpoint-url", endpoint), Map.of()))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageStartingWith("s3://bucket/p: malformed endpoint URL")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aBucketNameS3CannotHoldIsAConfigurationErrorNotAnSdkFailure() {
    assertThatThrownBy(() -> open("s3://ab/p", Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "s3://ab/p: bucket name 'ab' must be 3 to 63 characters long (S3's naming rules);"
                + " name an existing bucket, e.g. s3://my-bucket/prefix");
    assertThatThrownBy(() -> open("s3://" + "b".repeat(64), Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("must be 3 to 63 characters long");
    assertThatThrownBy(() -> open("s3://-bucket", Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("must start and end with a letter or digit");
  }

  @Test
  void badSizesAndCountsAreConfigurationErrors() {
    assertThatThrownBy(() -> open("s3://bucket?part-size=1M", Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("s3://bucket: option part-size");
    assertThatThrownBy(() -> open("s3://bucket", Map.of("part-concurrency", "lots"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("part-concurrency");
  }

  @Test
  void aRegionMismatchNamesTheBucketsRegion() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          // What Amazon S3 answers when a request reaches a bucket in another region.
          byte[] body =
              ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PermanentRedirect</Code>"
                      + "<Message>The bucket you are attempting to access must be addressed using"
                      + " the specified endpoint.</Message><Bucket>far</Bucket></Error>")
                  .getBytes(UTF_8);
          exchange.getResponseHeaders().add("x-amz-bucket-region", "eu-west-1");
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          boolean head = exchange.getRequestMethod().equals("HEAD");
          exchange.sendResponseHeaders(301, head ? -1 : body.length);
          if (!head) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    try (StorageBackend backend =
        open(
            "s3://far/p",
            Map.of(
                "endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "region",
                "us-east-1"),
            S3ProxyServer.credentials())) {
      StorageException e = failure(() -> backend.read(ObjectKey.of("a.txt")));
      assertThat(e).isInstanceOf(InvalidConfigException.class);
      assertThat(e.getMessage())
          .isEqualTo(
              "s3://far: the bucket is in region eu-west-1, not us-east-1; set region=eu-west-1");
      StorageException onHead = failure(() -> backend.stat(ObjectKey.of("a.txt")));
      assertThat(onHead).isInstanceOf(InvalidConfigException.class);
      assertThat(onHead.getMessage()).contains("region eu-west-1");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theProviderIsFoundBySchemeAndUnknownSchemesListIt() {
    StorageProviders providers = StorageProviders.load();
    assertThat(providers.forScheme("s3")).get().isInstanceOf(S3StorageProvider.class);
    assertThatThrownBy(() -> providers.open(BackendConfig.isolated("s4://bucket")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("s3");
  }
}

package io.cloudsync.adapter.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.testkit.gcs.GcsEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening {@code gs://} backends: settings, credentials files, and failures named by location. */
class GcsStorageProviderTest {
  @TempDir Path dir;

  private static BackendConfig config(
      String uri, Map<String, String> options, Map<String, String> env) {
    return new BackendConfig(BackendUri.parse(uri), options, env);
  }

  @Test
  void theProviderIsFoundByItsSchemeOnTheClassPath() {
    assertThat(StorageProviders.load().forScheme("gs"))
        .hasValueSatisfying(p -> assertThat(p).isInstanceOf(GcsStorageProvider.class));
  }

  @Test
  void settingsComeFromTheUriTheOptionsAndTheEnvironment() {
    GcsConfig config =
        GcsConfig.from(
            config(
                "gs://bucket/some/prefix/?project=proj",
                Map.of(
                    "credentials-file",
                    "/etc/creds.json",
                    "multipart-threshold",
                    "1M",
                    "part-size",
                    "300K"),
                Map.of("STORAGE_EMULATOR_HOST", "localhost:4443")));

    assertThat(config.bucket()).isEqualTo("bucket");
    assertThat(config.prefix()).isEqualTo("some/prefix");
    assertThat(config.project()).contains("proj");
    assertThat(config.endpoint()).contains("http://localhost:4443");
    assertThat(config.credentialsFile()).contains(Path.of("/etc/creds.json"));
    assertThat(config.uploadThreshold()).isEqualTo(1L << 20);
    assertThat(config.chunkSize()).isEqualTo(512 * 1024);
    assertThat(config.objectName("a.txt")).isEqualTo("some/prefix/a.txt");
    assertThat(config.location()).isEqualTo("gs://bucket/some/prefix");
  }

  @Test
  void aCredentialsFileUnderTheHomeFolderIsExpanded() {
    GcsConfig config =
        GcsConfig.from(
            config(
                "gs://bucket",
                Map.of("credentials-file", "~/keys/sa.json"),
                Map.of("HOME", "/home/ann")));

    assertThat(config.credentialsFile()).contains(Path.of("/home/ann/keys/sa.json"));
  }

  @Test
  void aMalformedEndpointIsInvalidConfig() {
    assertThatThrownBy(
            () ->
                new GcsStorageProvider()
                    .open(config("gs://b?endpoint=ftp://x", Map.of(), Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("gs://b: endpoint 'ftp://x' is not a URL such as http://127.0.0.1:4443");
  }

  @Test
  void aServiceAccountKeyFileIsAcceptedAndNeverShown() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + java.util.Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----\\n";
    Path file = dir.resolve("sa.json");
    Files.writeString(
        file,
        "{\"type\":\"service_account\",\"project_id\":\"p\",\"private_key_id\":\"k1\","
            + "\"private_key\":\""
            + pem
            + "\",\"client_email\":\"sync@p.iam.gserviceaccount.com\",\"client_id\":\"1\","
            + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}");

    try (StorageBackend backend =
        new GcsStorageProvider()
            .open(config("gs://b/p", Map.of("credentials-file", file.toString()), Map.of()))) {
      assertThat(backend.location(ObjectKey.of("a.txt"))).isEqualTo("gs://b/p/a.txt");
      assertThat(backend.toString()).doesNotContain("PRIVATE KEY");
    }
  }

  @Test
  void aMissingCredentialsFileIsNamed() {
    Path file = dir.resolve("nowhere.json");

    assertThatThrownBy(
            () ->
                new GcsStorageProvider()
                    .open(
                        config("gs://b/p", Map.of("credentials-file", file.toString()), Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("gs://b/p: credentials_file " + file + " does not exist");
  }

  @Test
  void anUnreadableCredentialsFileFromTheEnvironmentIsNamed() {
    assertThatThrownBy(
            () ->
                new GcsStorageProvider()
                    .open(
                        config(
                            "gs://b/p",
                            Map.of(),
                            Map.of("GOOGLE_APPLICATION_CREDENTIALS", dir.toString()))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(
            "gs://b/p: GOOGLE_APPLICATION_CREDENTIALS " + dir + " cannot be read");
  }

  @Test
  void aMalformedCredentialsFileIsNamedWithoutQuotingIt() throws IOException {
    Path file = dir.resolve("creds.json");
    Files.writeString(file, "{\"type\": \"service_account\", \"private_key\": \"SECRET-KEY-123");

    assertThatThrownBy(
            () ->
                new GcsStorageProvider()
                    .open(
                        config("gs://b/p", Map.of("credentials-file", file.toString()), Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "gs://b/p: credentials_file "
                + file
                + " is not a Google credentials JSON file (a service-account key or authorized-user"
                + " file)")
        .hasNoCause();
  }

  @Test
  void anUnreachableEndpointIsReportedWithTheLocation() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (StorageBackend backend =
        new GcsStorageProvider()
            .open(
                config(
                    "gs://b/p?endpoint=http://127.0.0.1:" + port + "&max-attempts=1",
                    Map.of(),
                    Map.of()))) {

      assertThatThrownBy(() -> backend.stat(ObjectKey.of("a.txt")))
          .isInstanceOf(BackendUnreachableException.class)
          .hasMessageStartingWith("gs://b/p/a.txt: cannot reach the storage endpoint");
      assertThat(backend.describe().health()).isEqualTo(BackendDescription.Health.UNREACHABLE);
    }
  }

  @Test
  void rejectedCredentialsThrottlingAndServerErrorsAreMapped() {
    try (GcsEmulator emulator = GcsEmulator.start();
        StorageBackend backend =
            new GcsStorageProvider()
                .open(
                    config(
                        "gs://b/p?max-attempts=1",
                        Map.of(),
                        Map.of("STORAGE_EMULATOR_HOST", emulator.hostAndPort())))) {
      emulator.createBucket("b");
      ObjectKey key = ObjectKey.of("a.txt");

      emulator.failNext(403, 1);
      assertThatThrownBy(() -> backend.stat(key))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith("gs://b/p/a.txt: credentials rejected (HTTP 403)");
      emulator.failNext(401, 1);
      assertThatThrownBy(() -> backend.stat(key))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith("gs://b/p/a.txt: credentials rejected (HTTP 401)");
      emulator.failNext(429, 1);
      assertThatThrownBy(() -> backend.stat(key))
          .isInstanceOf(ThrottledException.class)
          .hasMessageStartingWith("gs://b/p/a.txt: throttled");
      emulator.failNext(503, 1);
      assertThatThrownBy(() -> backend.stat(key)).isInstanceOf(ThrottledException.class);
      emulator.failNext(500, 1);
      assertThatThrownBy(() -> backend.stat(key))
          .isInstanceOf(TransientStorageException.class)
          .hasMessageStartingWith("gs://b/p/a.txt: server error (HTTP 500)");
      emulator.failNext(403, 1);
      assertThat(backend.describe().health()).isEqualTo(BackendDescription.Health.UNAUTHORIZED);
      assertThat(backend.stat(key)).isEmpty();
    }
  }

  @Test
  void retryableFailuresAreRetriedByTheClient() {
    try (GcsEmulator emulator = GcsEmulator.start();
        StorageBackend backend =
            new GcsStorageProvider()
                .open(
                    config(
                        "gs://b/p?max-attempts=3",
                        Map.of(),
                        Map.of("STORAGE_EMULATOR_HOST", emulator.hostAndPort())))) {
      emulator.createBucket("b");
      emulator.failNext(503, 2);

      assertThat(backend.stat(ObjectKey.of("a.txt"))).isEmpty();
    }
  }
}

package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wrong credentials, missing containers, dead endpoints and garbled settings, against Azurite. */
class AzureBadInputTest {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  private static final String WRONG_KEY =
      Base64.getEncoder()
          .encodeToString("this is not the account key of devstoreaccount1".getBytes());

  private static String connectionString(String key, String endpoint) {
    return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
        + key
        + ";BlobEndpoint="
        + endpoint
        + ";";
  }

  private static StorageBackend open(String uri, String connectionString) {
    return AzuriteBackends.openRaw(
        uri, Map.of(), Map.of(AzureStorageProvider.CONNECTION_STRING_ENV, connectionString));
  }

  private static void assertOneLineWithoutSecrets(Throwable e) {
    assertThat(e.getMessage())
        .doesNotContain("\n")
        .doesNotContain(AZURITE.accountKey())
        .doesNotContain(WRONG_KEY);
  }

  @Test
  void aWrongKeyIsReportedAsCredentialsRejected() {
    String container = AzuriteBackends.freshContainer();
    AzuriteBackends.open(AZURITE, container, "", Map.of()).close();
    try (StorageBackend backend =
        open("az://" + container + "/p", connectionString(WRONG_KEY, AZURITE.blobEndpoint()))) {
      ObjectKey key = ObjectKey.of("a.txt");

      assertThatThrownBy(
              () ->
                  backend.write(
                      key,
                      new ByteArrayInputStream(new byte[3]),
                      3,
                      Map.of(),
                      WriteCondition.UNCONDITIONAL))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith("az://" + container + "/p/a.txt: credentials rejected")
          .satisfies(AzureBadInputTest::assertOneLineWithoutSecrets);
      assertThatThrownBy(() -> backend.list("").count())
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith("az://" + container + "/p: credentials rejected");
      assertThatThrownBy(() -> backend.stat(key)).isInstanceOf(AccessDeniedException.class);
      BackendDescription description = backend.describe();
      assertThat(description.health()).isEqualTo(BackendDescription.Health.UNAUTHORIZED);
      assertThat(description.toString()).doesNotContain(WRONG_KEY);
    }
  }

  @Test
  void aMissingContainerIsReportedAsNotFoundWithTheFix() {
    String container = AzuriteBackends.freshContainer();
    try (StorageBackend backend = open("az://" + container + "/p", AZURITE.connectionString())) {
      ObjectKey key = ObjectKey.of("dir/a.txt");

      assertThatThrownBy(
              () ->
                  backend.write(
                      key,
                      new ByteArrayInputStream(new byte[3]),
                      3,
                      Map.of(),
                      WriteCondition.UNCONDITIONAL))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "az://"
                  + container
                  + "/p/dir/a.txt: container '"
                  + container
                  + "' does not exist (create it with 'cloudsync mkbucket' or check the name)");
      assertThatThrownBy(() -> backend.list("").count())
          .isInstanceOf(NotFoundException.class)
          .hasMessageStartingWith("az://" + container + "/p: container '" + container + "'");
      assertThatThrownBy(() -> backend.read(key))
          .isInstanceOf(NotFoundException.class)
          .hasMessageStartingWith("az://" + container + "/p/dir/a.txt: ");
      assertThat(backend.describe().health()).isEqualTo(BackendDescription.Health.MISSING);
    }
  }

  @Test
  void anUnreachableEndpointIsReportedAsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort + "/devstoreaccount1";
    try (StorageBackend backend =
        open("az://nowhere/p", connectionString(AZURITE.accountKey(), endpoint))) {

      assertThatThrownBy(() -> backend.stat(ObjectKey.of("a.txt")))
          .isInstanceOf(BackendUnreachableException.class)
          .hasMessage("az://nowhere/p/a.txt: cannot reach " + endpoint + " (connection refused)")
          .satisfies(AzureBadInputTest::assertOneLineWithoutSecrets);
      assertThatThrownBy(() -> backend.list("").count())
          .isInstanceOf(BackendUnreachableException.class);
      BackendDescription description = backend.describe();
      assertThat(description.health()).isEqualTo(BackendDescription.Health.UNREACHABLE);
      assertThat(description.healthDetail())
          .hasValueSatisfying(d -> assertThat(d).contains("connection refused"));
    }
  }

  @Test
  void aMalformedConnectionStringIsInvalidConfigWithoutEchoingIt() {
    String[] malformed = {
      "this is not a connection string " + AZURITE.accountKey(),
      "AccountName=devstoreaccount1;AccountKey=not*base64*" + WRONG_KEY,
      "AccountName=devstoreaccount1;BlobEndpoint=http://127.0.0.1:1/x",
      "AccountKey=" + AZURITE.accountKey() + ";BlobEndpoint=http://127.0.0.1:1/x",
      connectionString(AZURITE.accountKey(), "ftp://127.0.0.1/devstoreaccount1"),
    };
    for (String value : malformed) {
      assertThatThrownBy(() -> open("az://box/p", value))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageStartingWith(
              "az://box/p: the connection string in AZURE_STORAGE_CONNECTION_STRING is malformed (")
          .satisfies(AzureBadInputTest::assertOneLineWithoutSecrets)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }
  }

  @Test
  void anAccountKeyAndEndpointFromTheEnvironmentWork() {
    String container = AzuriteBackends.freshContainer();
    AzuriteBackends.open(AZURITE, container, "", Map.of()).close();
    try (StorageBackend backend =
        AzuriteBackends.openRaw(
            "az://" + container + "?account=devstoreaccount1&endpoint=" + AZURITE.blobEndpoint(),
            Map.of(),
            Map.of(AzureStorageProvider.KEY_ENV, AZURITE.accountKey()))) {
      backend.write(
          ObjectKey.of("k.txt"),
          new ByteArrayInputStream(new byte[] {7}),
          1,
          Map.of(),
          WriteCondition.IF_ABSENT);
      assertThat(backend.stat(ObjectKey.of("k.txt"))).isPresent();
      assertThat(backend.describe().details())
          .containsEntry("credentials", "account key of devstoreaccount1");
    }
  }

  @Test
  void aSasTokenWorksForReadsWritesAndServerSideCopies() throws Exception {
    String container = AzuriteBackends.freshContainer();
    AzuriteBackends.open(AZURITE, container, "", Map.of()).close();
    var service =
        new com.azure.storage.blob.BlobServiceClientBuilder()
            .connectionString(AZURITE.connectionString())
            .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
            .buildClient();
    String sas =
        service.generateAccountSas(
            new com.azure.storage.common.sas.AccountSasSignatureValues(
                java.time.OffsetDateTime.now().plusHours(1),
                com.azure.storage.common.sas.AccountSasPermission.parse("rwdlac"),
                new com.azure.storage.common.sas.AccountSasService().setBlobAccess(true),
                com.azure.storage.common.sas.AccountSasResourceType.parse("sco")));
    try (StorageBackend backend =
        AzuriteBackends.openRaw(
            "az://" + container + "/s?endpoint=" + AZURITE.blobEndpoint(),
            Map.of(),
            Map.of(AzureStorageProvider.SAS_ENV, sas))) {
      backend.write(
          ObjectKey.of("a.bin"),
          new ByteArrayInputStream(new byte[] {1, 2}),
          2,
          Map.of(),
          WriteCondition.UNCONDITIONAL);
      ((io.cloudsync.storage.SupportsCopy) backend)
          .copy(ObjectKey.of("a.bin"), ObjectKey.of("b.bin"), WriteCondition.IF_ABSENT);
      try (var in = backend.read(ObjectKey.of("b.bin"))) {
        assertThat(in.readAllBytes()).containsExactly(1, 2);
      }
      assertThat(backend.describe().toString()).doesNotContain(sas);
    }
  }
}

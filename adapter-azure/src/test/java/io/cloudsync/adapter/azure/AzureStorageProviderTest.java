package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.adapter.azure.AzureConfig.Credentials;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageProviders;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration and settings, without a server. */
class AzureStorageProviderTest {

  private static final String KEY = "c2VjcmV0LWtleS1ieXRlcy0xMjM0NTY3ODkwMTIzNDU2Nzg5MA==";
  private static final String CONNECTION =
      "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey="
          + KEY
          + ";EndpointSuffix=core.windows.net";

  private static AzureConfig read(
      String uri, Map<String, String> options, Map<String, String> env) {
    return AzureStorageProvider.read(
        new BackendConfig(BackendUri.parse(uri), new HashMap<>(options), env));
  }

  @Test
  void isFoundByServiceLoaderUnderTheAzScheme() {
    StorageProviders providers = StorageProviders.load();

    assertThat(providers.forScheme("az")).containsInstanceOf(AzureStorageProvider.class);
    assertThatThrownBy(() -> providers.open(BackendConfig.isolated("azure://c/p")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'azure'")
        .hasMessageContaining("az");
  }

  @Test
  void readsContainerPrefixAndOptionsWithTheirAliases() {
    AzureConfig config =
        read(
            "az://photos/2024/summer?account=acme",
            Map.of(
                "endpoint-url",
                "https://acme.blob.core.windows.net",
                "part-size",
                "4M",
                "multipart-threshold",
                "8M",
                "concurrency",
                "6"),
            Map.of("AZURE_STORAGE_KEY", KEY));

    assertThat(config.container()).isEqualTo("photos");
    assertThat(config.prefix()).isEqualTo("2024/summer");
    assertThat(config.account()).contains("acme");
    assertThat(config.endpoint()).contains("https://acme.blob.core.windows.net");
    assertThat(config.blockSize()).isEqualTo(4L << 20);
    assertThat(config.singleUploadThreshold()).isEqualTo(8L << 20);
    assertThat(config.concurrency()).isEqualTo(6);
    assertThat(config.credentials()).isEqualTo(new Credentials.SharedKey("acme", KEY));
    assertThat(config.location()).isEqualTo("az://photos/2024/summer");
  }

  @Test
  void choosesCredentialsInTheDocumentedOrder() {
    Map<String, String> all =
        Map.of(
            "MY_AZ",
            CONNECTION,
            "AZURE_STORAGE_CONNECTION_STRING",
            CONNECTION.replace("acme", "other"),
            "AZURE_STORAGE_KEY",
            KEY,
            "AZURE_STORAGE_SAS_TOKEN",
            "sv=2024&sig=abc",
            "AZURE_STORAGE_ACCOUNT",
            "acme");

    assertThat(read("az://c1c", Map.of("connection-string-env", "MY_AZ"), all).credentials())
        .isEqualTo(new Credentials.ConnectionString("MY_AZ", CONNECTION));
    assertThat(read("az://c1c", Map.of(), all).credentials())
        .isInstanceOf(Credentials.ConnectionString.class)
        .extracting(c -> ((Credentials.ConnectionString) c).source())
        .isEqualTo("AZURE_STORAGE_CONNECTION_STRING");
    Map<String, String> keyAndSas = new HashMap<>(all);
    keyAndSas.remove("AZURE_STORAGE_CONNECTION_STRING");
    assertThat(read("az://c1c", Map.of(), keyAndSas).credentials())
        .isInstanceOf(Credentials.SharedKey.class);
    keyAndSas.remove("AZURE_STORAGE_KEY");
    assertThat(read("az://c1c", Map.of(), keyAndSas).credentials())
        .isInstanceOf(Credentials.SasToken.class);
    assertThat(read("az://c1c?account=acme", Map.of(), Map.of()).credentials())
        .isInstanceOf(Credentials.DefaultAzureCredential.class);
  }

  @Test
  void variablesNamedInTheConfigurationComeFirst() {
    Map<String, String> env =
        Map.of(
            "MY_KEY", KEY, "MY_SAS", "sv=1&sig=x", "AZURE_STORAGE_CONNECTION_STRING", CONNECTION);

    assertThat(
            read("az://c1c?account=acme", Map.of("account-key-env", "MY_KEY"), env).credentials())
        .isEqualTo(new Credentials.SharedKey("acme", KEY));
    assertThat(read("az://c1c?account=acme", Map.of("sas-token-env", "MY_SAS"), env).credentials())
        .isEqualTo(new Credentials.SasToken("sv=1&sig=x"));
    assertThatThrownBy(() -> read("az://c1c?account=acme", Map.of("sas-token-env", "NONE"), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("az://c1c: sas-token-env names NONE, which is not set");
  }

  @Test
  void theAccountNameComesFromTheConnectionStringWhenNotGiven() {
    AzureConfig config =
        read("az://c1c", Map.of(), Map.of("AZURE_STORAGE_CONNECTION_STRING", CONNECTION));

    assertThat(config.account()).contains("acme");
  }

  @Test
  void explainsMissingCredentials() {
    assertThatThrownBy(() -> read("az://box", Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "az://box: no Azure credentials: set AZURE_STORAGE_CONNECTION_STRING, or the option"
                + " account with AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN or an Azure login"
                + " (DefaultAzureCredential)");
    assertThatThrownBy(() -> read("az://box", Map.of("connection-string-env", "NOT_SET"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("az://box: connection-string-env names NOT_SET, which is not set");
    assertThatThrownBy(() -> read("az://box", Map.of(), Map.of("AZURE_STORAGE_KEY", KEY)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("no account is named")
        .hasMessageNotContaining(KEY);
    assertThatThrownBy(
            () ->
                read(
                    "az://box?account=acme",
                    Map.of(),
                    Map.of("AZURE_STORAGE_KEY", "%%not-base64%%")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("az://box: AZURE_STORAGE_KEY is not a base64 account key");
  }

  @Test
  void refusesBadNamesAndNumbers() {
    Map<String, String> env = Map.of("AZURE_STORAGE_CONNECTION_STRING", CONNECTION);
    assertThatThrownBy(() -> read("az://Bad_Container", Map.of(), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("az://Bad_Container: container name 'Bad_Container' is not valid");
    assertThatThrownBy(() -> read("az://box?account=Not-An-Account", Map.of(), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("account name 'Not-An-Account' is not valid");
    assertThatThrownBy(() -> read("az://box?endpoint=not a url", Map.of(), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("is not an http(s) URL");
    assertThatThrownBy(() -> read("az://box?concurrency=0", Map.of(), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("az://box: option concurrency must be a whole number from 1 to 64");
    assertThatThrownBy(() -> read("az://box?block-size=8M&upload-buffer=4M", Map.of(), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("az://box: option upload-buffer must be at least the block size");
    assertThatThrownBy(() -> read("az://box?block-size=1G", Map.of(), env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("az://box: option block-size must be between 1 B and 256 MiB");
  }

  @Test
  void neverPrintsASecret() {
    AzureConfig config =
        read("az://box", Map.of(), Map.of("AZURE_STORAGE_CONNECTION_STRING", CONNECTION));
    AzureConfig sas =
        read(
            "az://box?account=acme",
            Map.of(),
            Map.of("AZURE_STORAGE_SAS_TOKEN", "sv=1&sig=SECRETSIG"));
    AzureConfig key = read("az://box?account=acme", Map.of(), Map.of("AZURE_STORAGE_KEY", KEY));

    assertThat(config.toString()).doesNotContain(KEY).contains("AZURE_STORAGE_CONNECTION_STRING");
    assertThat(sas.toString()).doesNotContain("SECRETSIG");
    assertThat(key.toString()).doesNotContain(KEY);
    try (var backend =
        new AzureStorageProvider()
            .open(
                new BackendConfig(
                    BackendUri.parse("az://box"),
                    Map.of(),
                    Map.of("AZURE_STORAGE_CONNECTION_STRING", CONNECTION)))) {
      assertThat(backend.toString()).doesNotContain(KEY);
    }
  }

  @Test
  void metadataNamesSurviveTheIdentifierEncoding() {
    for (String name :
        new String[] {
          "cloudsync-sha256", "owner", "a_b", "a-_b", "a_-b", "9lives", "x.y z", "ünï", "_h", "__"
        }) {
      String stored = MetadataNames.encode(name);
      assertThat(stored).matches("[A-Za-z_][A-Za-z0-9_]*");
      assertThat(MetadataNames.decode(stored)).isEqualTo(name);
    }
    assertThat(MetadataNames.encode("cloudsync-sha256")).isEqualTo("cloudsync_hsha256");
    assertThat(MetadataNames.decode("set_by_another_tool")).isEqualTo("set_by_another_tool");
  }
}

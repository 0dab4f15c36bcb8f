package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageProviders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path work;

  private CloudSyncConfig load(String yaml) throws IOException {
    Files.writeString(work.resolve("cloudsync.yaml"), yaml);
    return ConfigFile.loadFrom(work);
  }

  private Backends backends(CloudSyncConfig config) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    Invocation invocation = new Invocation(work, Map.of("HOME", work.toString()), sink, sink);
    return new Backends(invocation, () -> config, () -> StorageProviders.of(List.of()));
  }

  @Test
  void noFileMeansDefaults() {
    CloudSyncConfig config = ConfigFile.loadFrom(work);

    assertThat(config.file()).isEmpty();
    assertThat(config.effective("performance", "transfers")).contains("8");
    assertThat(config.effective("conflicts", "strategy")).contains("keep-both");
  }

  @Test
  void anEmptyFileIsValid() throws IOException {
    assertThat(load("").remote()).isEmpty();
    assertThat(load("# only comments\n").remote()).isEmpty();
  }

  @Test
  void providerKeysReachTheProviderInKebabCase() throws IOException {
    CloudSyncConfig config =
        load(
            """
            remote: s3://bucket/prefix?region=from-uri
            s3:
              endpoint_url: http://127.0.0.1:9000
              path_style: true
              region: from-file
            performance:
              part_size: 8M
            """);
    Backends backends = backends(config);

    BackendConfig backend =
        backends.configFor(
            backends.remote(new CommonOptions()), Map.of("multipart-threshold", "32M"));

    assertThat(backend.options())
        .containsEntry("endpoint-url", "http://127.0.0.1:9000")
        .containsEntry("path-style", "true")
        .containsEntry("part-size", "8M")
        .containsEntry("multipart-threshold", "32M");
    assertThat(backend.option("region")).as("the URI wins over the file").contains("from-uri");
    assertThat(backend.option("endpoint", "endpoint-url")).contains("http://127.0.0.1:9000");
  }

  @Test
  void aProviderSectionWithABucketNamesTheRemote() throws IOException {
    CloudSyncConfig config = load("gcs:\n  bucket: photos\n  prefix: 2025/raw\n  project: p1\n");

    Remote remote = backends(config).remote(new CommonOptions());

    assertThat(remote.uri().toString()).isEqualTo("gs://photos/2025/raw");
    assertThat(remote.source()).isEqualTo(Remote.Source.CONFIG_FILE);
    assertThat(backends(config).configFor(remote, Map.of()).options()).containsOnlyKeys("project");
  }

  @Test
  void conflictRulesKeepTheirOrder() throws IOException {
    CloudSyncConfig config =
        load(
            """
            conflicts:
              strategy: newer
              rules:
                "*.md": merge
                "build/**": remote
                "**/*.json": local
            """);

    assertThat(config.conflictRules())
        .extracting(Map.Entry::getKey)
        .containsExactly("*.md", "build/**", "**/*.json");
    assertThat(config.value("conflicts", "strategy")).contains("newer");
  }

  @Test
  void rulesMayAlsoBeAList() throws IOException {
    CloudSyncConfig config =
        load("conflicts:\n  rules:\n    - \"*.md\": merge\n    - \"*.txt\": manual\n");

    assertThat(config.conflictRules()).hasSize(2);
  }

  @Test
  void badValuesNameTheLineAndKey() {
    assertThatThrownBy(() -> load("conflicts:\n  strategy: coinflip\n"))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("conflicts.strategy")
        .hasMessageContaining("keep-both");
    assertThatThrownBy(() -> load("performance:\n  transfers: many\n"))
        .hasMessageContaining("performance.transfers");
    assertThatThrownBy(() -> load("performance:\n  retry_delay: soon\n"))
        .hasMessageContaining("500ms");
    assertThatThrownBy(() -> load("s3:\n  path_style: maybe\n")).hasMessageContaining("boolean");
    assertThatThrownBy(() -> load("s3:\n  region: a\n  region: b\n"))
        .hasMessageContaining("duplicate key 's3.region'");
    assertThatThrownBy(() -> load("- just\n- a list\n")).hasMessageContaining("mapping");
  }

  @Test
  void durationsAcceptUnits() {
    assertThat(ConfigSchema.parseDuration("500ms")).contains(java.time.Duration.ofMillis(500));
    assertThat(ConfigSchema.parseDuration("2s")).contains(java.time.Duration.ofSeconds(2));
    assertThat(ConfigSchema.parseDuration("1m")).contains(java.time.Duration.ofMinutes(1));
    assertThat(ConfigSchema.parseDuration("later")).isEqualTo(Optional.empty());
  }

  @Test
  void secretsAreMaskedButReferencesAreNot() {
    assertThat(ConfigCommand.Show.mask("account_key", "abc")).isEqualTo("***");
    assertThat(ConfigCommand.Show.mask("account_key_env", "AZURE_STORAGE_KEY"))
        .isEqualTo("AZURE_STORAGE_KEY");
    assertThat(ConfigCommand.Show.mask("region", "eu")).isEqualTo("eu");
  }
}

package io.cloudsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendConfigTest {

  @Test
  void uriParametersWinOverOptionsAndAliasesAreTried() {
    BackendConfig config =
        new BackendConfig(
            BackendUri.parse("s3://b?region=eu-west-1"),
            Map.of("region", "us-east-1", "endpoint-url", "http://x"),
            Map.of());
    assertThat(config.option("region")).contains("eu-west-1");
    assertThat(config.option("endpoint", "endpoint-url")).contains("http://x");
    assertThat(config.option("profile")).isEmpty();
  }

  @Test
  void blankValuesCountAsAbsent() {
    BackendConfig config =
        new BackendConfig(BackendUri.parse("s3://b"), Map.of("region", " "), Map.of("X", ""));
    assertThat(config.option("region")).isEmpty();
    assertThat(config.env("X")).isEmpty();
  }

  @Test
  void flagsAndSizesParse() {
    BackendConfig config =
        new BackendConfig(
            BackendUri.parse("s3://b?path-style=true&part-size=8M"), Map.of(), Map.of());
    assertThat(config.flag("path-style", false)).isTrue();
    assertThat(config.flag("missing", true)).isTrue();
    assertThat(config.size("part-size", 0)).isEqualTo(8L << 20);
    assertThat(config.size("threshold", 42)).isEqualTo(42);
  }

  @Test
  void aMalformedSizeNamesTheOptionAndTheLocation() {
    BackendConfig config =
        new BackendConfig(BackendUri.parse("s3://b?part-size=lots"), Map.of(), Map.of());
    assertThatThrownBy(() -> config.size("part-size", 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "s3://b: option part-size: 'lots' is not a size; write it like 1048576, 512K, 16M or 1G");
  }

  @Test
  void environmentComesFromTheConfigNotTheProcess() {
    BackendConfig config =
        new BackendConfig(BackendUri.parse("s3://b"), Map.of(), Map.of("AWS_REGION", "x"));
    assertThat(config.env("AWS_REGION")).contains("x");
    assertThat(BackendConfig.isolated("s3://b").env("PATH")).isEmpty();
  }
}

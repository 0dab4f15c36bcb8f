package io.cloudsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendUriTest {

  @ParameterizedTest
  @ValueSource(strings = {"local:/data/remote", "local:///data/remote", "file:/data/remote"})
  void localFolderUrisNameAPath(String text) {
    BackendUri uri = BackendUri.parse(text);
    assertThat(uri.isLocalFolder()).isTrue();
    assertThat(uri.path()).isEqualTo("/data/remote");
    assertThat(uri.bucket()).isEmpty();
    assertThat(uri.location()).isEqualTo("/data/remote");
  }

  @Test
  void s3UriHasBucketPrefixAndOptions() {
    BackendUri uri =
        BackendUri.parse(
            "s3://my-bucket/team/notes/?endpoint=http://127.0.0.1:9000&region=eu-west-1&path-style=true");
    assertThat(uri.scheme()).isEqualTo("s3");
    assertThat(uri.bucket()).isEqualTo("my-bucket");
    assertThat(uri.path()).isEqualTo("team/notes");
    assertThat(uri.param("endpoint")).contains("http://127.0.0.1:9000");
    assertThat(uri.param("region")).contains("eu-west-1");
    assertThat(uri.param("path-style")).contains("true");
    assertThat(uri.location()).isEqualTo("s3://my-bucket/team/notes");
  }

  @Test
  void azureAndGcsUrisParseAlike() {
    assertThat(BackendUri.parse("az://container").path()).isEmpty();
    BackendUri gs = BackendUri.parse("gs://bucket/p?project=demo&endpoint=http://localhost:4443");
    assertThat(gs.bucket()).isEqualTo("bucket");
    assertThat(gs.param("project")).contains("demo");
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(BackendUri.parse("S3://b").scheme()).isEqualTo("s3");
  }

  @Test
  void percentEscapesAreDecodedAndPlusIsKept() {
    BackendUri uri = BackendUri.parse("s3://b/a%20b+c");
    assertThat(uri.path()).isEqualTo("a b+c");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "no-scheme",
        "://x",
        "s3:bucket",
        "s3://",
        "s3:///prefix",
        "local:",
        "s3://b/../x",
        "s3://b//x",
        "s3://b/%zz"
      })
  void malformedUrisAreRefusedWithTheExpectedShapes(String text) {
    assertThatThrownBy(() -> BackendUri.parse(text))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("malformed backend URI")
        .hasMessageContaining("s3://bucket/prefix");
  }

  @Test
  void printingMasksSecretLookingParameters() {
    BackendUri uri = BackendUri.parse("az://c/p?account=me&sas-token=sv%3D2020&sig=abc");
    assertThat(uri.toString()).isEqualTo("az://c/p?account=me&sas-token=***&sig=***");
  }

  @Test
  void malformedMessageMasksSecretsToo() {
    assertThatThrownBy(() -> BackendUri.parse("s3:bucket?secret=hunter2"))
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("secret=***");
  }
}

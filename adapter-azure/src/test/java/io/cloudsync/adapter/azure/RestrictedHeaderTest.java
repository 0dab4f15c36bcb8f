package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK sets {@code Content-Length}, a header the JDK's HTTP client restricts unless {@code
 * jdk.httpclient.allowRestrictedHeaders} allows it (azure-core-http-jdk-httpclient 1.1.7 then drops
 * the header with a warning and the JDK derives the length itself). The provider sets the property
 * before the JDK's client initialises, so a JVM started without it uploads with the SDK's header
 * and no warning.
 */
class RestrictedHeaderTest {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  private record Run(int exit, String output) {}

  private static Run runProbe(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(RestrictedHeaderProbe.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().put("AZURE_STORAGE_CONNECTION_STRING", AZURITE.connectionString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void theProviderUploadsInAJvmStartedWithoutTheProperty() throws Exception {
    String container = AzuriteBackends.freshContainer();
    try (AzureStorageBackend backend = AzuriteBackends.open(AZURITE, container, "", Map.of())) {

      Run adapter = runProbe("adapter", "az://" + container);
      Run raw = runProbe("raw", container);

      assertThat(adapter.exit()).as(adapter.output()).isZero();
      assertThat(adapter.output())
          .contains("uploaded; jdk.httpclient.allowRestrictedHeaders=content-length")
          .doesNotContain("The header is restricted");
      assertThat(backend.stat(ObjectKey.of("probe.txt")))
          .hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(3));
      assertThat(raw.exit()).as(raw.output()).isZero();
      assertThat(raw.output()).contains("uploaded; jdk.httpclient.allowRestrictedHeaders=null");
    }
  }
}

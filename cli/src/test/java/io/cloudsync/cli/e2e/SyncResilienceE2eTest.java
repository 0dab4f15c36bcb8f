package io.cloudsync.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudsync.cli.CliResult;
import io.cloudsync.cli.CliRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resilience and throughput settings of {@code cloudsync sync}: {@code --retries}, {@code
 * --retry-delay}, {@code --bwlimit}, {@code --checkers}, {@code --transfers} and their {@code
 * performance:} keys in {@code cloudsync.yaml}.
 */
class SyncResilienceE2eTest {
  @TempDir Path tmp;
  Path ws;
  Path remote;
  CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    ws = Files.createDirectories(tmp.resolve("ws"));
    remote = Files.createDirectories(tmp.resolve("remote"));
    Files.writeString(ws.resolve("a.txt"), "alpha");
    Files.createDirectories(ws.resolve("docs"));
    Files.writeString(ws.resolve("docs/b.md"), "bravo");
    cli =
        new CliRunner(
            tmp,
            Map.of(
                "HOME",
                tmp.resolve("home").toString(),
                "CLOUDSYNC_REMOTE",
                "local:" + remote,
                "HOSTNAME",
                "e2e"));
  }

  private CliResult sync(String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "sync";
    args[1] = ws.toString();
    System.arraycopy(more, 0, args, 2, more.length);
    return cli.run(args);
  }

  private static JsonNode json(CliResult r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void jsonReportsHowManyCallsWereRetried() throws IOException {
    CliResult r = sync("--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode result = json(r);
    assertThat(result.get("uploaded").asInt()).isEqualTo(2);
    assertThat(result.has("retried")).isTrue();
    assertThat(result.get("retried").asLong()).isZero();
  }

  @Test
  void theHumanSummaryMentionsRetriesOnlyWhenThereWereSome() {
    CliResult r = sync();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("2 uploaded").doesNotContain("retried");
  }

  @Test
  void performanceFlagsAreAcceptedAndTheFilesArrive() throws IOException {
    CliResult r =
        sync(
            "--bwlimit",
            "1M:4M",
            "--retries",
            "0",
            "--retry-delay",
            "50ms",
            "--checkers",
            "2",
            "--transfers",
            "3",
            "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(json(r).get("uploaded").asInt()).isEqualTo(2);
    assertThat(Files.readString(remote.resolve("docs/b.md"))).isEqualTo("bravo");
  }

  @Test
  void aBandwidthLimitThatIsNotOneExitsWithSevenNamingTheFlag() {
    CliResult r = sync("--bwlimit", "lots");

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.err()).contains("--bwlimit").contains("'lots'").contains("1M:4M");
    assertThat(remote.resolve("a.txt")).doesNotExist();
  }

  @Test
  void badRetryAndCheckerFlagsExitWithSevenNamingTheFlag() {
    CliResult delay = sync("--retry-delay", "500");
    assertThat(delay.exitCode()).isEqualTo(7);
    assertThat(delay.err()).contains("--retry-delay").contains("'500'");

    CliResult retries = sync("--retries", "-1");
    assertThat(retries.exitCode()).isEqualTo(7);
    assertThat(retries.err()).contains("--retries");

    CliResult checkers = sync("--checkers", "0");
    assertThat(checkers.exitCode()).isEqualTo(7);
    assertThat(checkers.err()).contains("--checkers");
  }

  @Test
  void performanceSettingsInTheConfigAreAcceptedAndShown() throws IOException {
    Files.writeString(
        tmp.resolve("cloudsync.yaml"),
        """
        performance:
          transfers: 3
          checkers: 2
          retry_attempts: 2
          retry_delay: 10ms
          bwlimit: 2M:8M
        """);

    CliResult show = cli.run("config", "show");
    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("  transfers: 3")
        .contains("  checkers: 2")
        .contains("  retry_attempts: 2")
        .contains("  retry_delay: 10ms")
        .contains("  bwlimit: 2M:8M");

    CliResult r = sync("--json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(json(r).get("uploaded").asInt()).isEqualTo(2);
  }

  @Test
  void aConfiguredBandwidthLimitThatIsNotOneIsRejectedWithSeven() throws IOException {
    Files.writeString(tmp.resolve("cloudsync.yaml"), "performance:\n  bwlimit: 1M:2M:3M\n");

    CliResult r = sync();

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.err()).contains("bwlimit");
  }

  @Test
  void aRemoteStillUnreachableAfterTheRetriesExitsWithSixNamingIt() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliResult r =
        cli.withEnv("AWS_ACCESS_KEY_ID", "test-key")
            .withEnv("AWS_SECRET_ACCESS_KEY", "test-secret")
            .run(
                "sync",
                ws.toString(),
                "--retries",
                "1",
                "--retry-delay",
                "1ms",
                "--remote",
                "s3://unreachable-bucket?endpoint=http://127.0.0.1:"
                    + closed
                    + "&region=us-east-1");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
    assertThat(r.err().strip()).contains("s3://unreachable-bucket").doesNotContain("\n");
    assertThat(r.err()).doesNotContain("test-secret");
  }
}

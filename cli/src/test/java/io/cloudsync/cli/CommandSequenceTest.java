package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSequenceTest {

  @TempDir Path dir;

  @Test
  void splitsCommandsAtTheSeparatorAndDropsEmptyOnes() {
    assertThat(CommandSequence.split("ls", "---", "---", "sync", "ws", "--quiet", "---"))
        .containsExactly(List.of("ls"), List.of("sync", "ws", "--quiet"));
    assertThat(CommandSequence.split()).isEmpty();
  }

  @Test
  void runsEveryCommandInOrderInOneProcess() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(ws.resolve("a.txt"), "alpha");
    Path remote = Files.createDirectories(dir.resolve("remote"));

    int code =
        run(
            "sync",
            ws.toString(),
            "--remote",
            "local:" + remote,
            "--quiet",
            "---",
            "ls",
            "--remote",
            "local:" + remote);

    assertThat(code).isZero();
    assertThat(remote.resolve("a.txt")).hasContent("alpha");
  }

  @Test
  void aFailingCommandDoesNotStopTheOthersAndItsCodeIsReturned() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(ws.resolve("b.txt"), "beta");
    Path remote = Files.createDirectories(dir.resolve("remote"));

    int code =
        run(
            "no-such-command",
            "---",
            "sync",
            ws.toString(),
            "--remote",
            "local:" + remote,
            "--quiet");

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(remote.resolve("b.txt")).hasContent("beta");
  }

  private int run(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
      return CommandSequence.run(
          new Invocation(dir, Map.of("HOME", dir.toString()), out, out), args);
    }
  }
}

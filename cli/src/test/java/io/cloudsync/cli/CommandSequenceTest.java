package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    Path ws = workspaceHolding("a.txt", "alpha");

    int code = run(syncTo(ws, "---", "ls", "--remote", "local:" + remote()));

    assertThat(code).isZero();
    assertThat(remote().resolve("a.txt")).hasContent("alpha");
  }

  @Test
  void aFailingCommandDoesNotStopTheOthersAndItsCodeIsReturned() throws Exception {
    Path ws = workspaceHolding("b.txt", "beta");

    int code = run(concat(new String[] {"no-such-command", CommandSequence.SEPARATOR}, syncTo(ws)));

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(remote().resolve("b.txt")).hasContent("beta");
  }

  private Path workspaceHolding(String name, String content) throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(ws.resolve(name), content);
    Files.createDirectories(remote());
    return ws;
  }

  private Path remote() {
    return dir.resolve("remote");
  }

  /** {@code sync WS --remote local:REMOTE --quiet}, then {@code more}. */
  private String[] syncTo(Path ws, String... more) {
    return concat(
        new String[] {"sync", ws.toString(), "--remote", "local:" + remote(), "--quiet"}, more);
  }

  private static String[] concat(String[] first, String[] second) {
    return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
  }

  private int run(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
      return CommandSequence.run(
          new Invocation(dir, Map.of("HOME", dir.toString()), out, out), args);
    }
  }
}

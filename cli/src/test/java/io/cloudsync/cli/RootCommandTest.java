package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RootCommandTest {
  private static final String[] EVERY_COMMAND = {
    "init",
    "status",
    "sync",
    "conflicts",
    "ls",
    "put",
    "get",
    "cat",
    "rm",
    "mkbucket",
    "config",
    "help"
  };

  @TempDir Path work;

  private CommandLine commandLine(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    Invocation invocation = new Invocation(work, Map.of(), sink, sink);
    return RootCommand.commandLine(
        new GuiceFactory(Guice.createInjector(Stage.DEVELOPMENT, new CliModule(invocation))), args);
  }

  @Test
  void namedCommandIsTheOnlyOneBuilt() {
    assertThat(commandLine("sync", "--dry-run").getSubcommands()).containsOnlyKeys("sync");
    assertThat(commandLine("--debug", "conflicts", "list").getSubcommands())
        .containsOnlyKeys("conflicts");
    assertThat(commandLine("conflicts").getSubcommands().get("conflicts").getSubcommands())
        .containsOnlyKeys("list", "show", "resolve");
  }

  @Test
  void usageHelpAndUnknownCommandsSeeEveryCommandInOrder() {
    for (String[] args :
        new String[][] {{}, {"--help"}, {"-V"}, {"help", "sync"}, {"upload"}, {"--debug"}}) {
      assertThat(commandLine(args).getSubcommands().keySet())
          .as(String.join(" ", args))
          .containsExactly(EVERY_COMMAND);
    }
  }
}

package io.cloudsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cloudsync}: the top of the command tree. */
@Command(
    name = "cloudsync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = "Keeps local folders in sync with object storage, without losing a byte.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0 ok, 1 unexpected failure, 2 usage, 3 not found, 4 conflict,",
      "  5 access denied, 6 unreachable, 7 invalid input, 8 local I/O,",
      "  9 throttled, 10 journal corrupted, 11 deletion limit exceeded,",
      "  12 unsupported feature.%n"
    },
    subcommands = {
      InitCommand.class,
      StatusCommand.class,
      SyncCommand.class,
      ConflictsCommand.class,
      LsCommand.class,
      PutCommand.class,
      GetCommand.class,
      CatCommand.class,
      RmCommand.class,
      MkbucketCommand.class,
      ConfigCommand.class,
      CommandLine.HelpCommand.class
    })
final class RootCommand implements Runnable {
  @Spec CommandSpec spec;

  @CommandLine.Option(names = "--debug", description = "Print debug logs and stack traces.")
  boolean debug;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}

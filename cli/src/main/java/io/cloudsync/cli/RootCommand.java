package io.cloudsync.cli;

import java.util.List;
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
    })
final class RootCommand implements Runnable {
  /**
   * The commands, in the order the usage lists them. They are added by {@link #commandLine}, not by
   * the annotation: picocli builds the model of every command it is given, from annotations through
   * reflection, and one command's model is all a run needs.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          CommandLine.HelpCommand.class);

  @Spec CommandSpec spec;

  @CommandLine.Option(names = "--debug", description = "Print debug logs and stack traces.")
  boolean debug;

  /**
   * The command line for {@code args}: when they name a command (after {@code --debug} at most),
   * the root with that command alone; otherwise (no command, an unknown one, {@code help}, a root
   * option such as {@code --help}) the root with all of them, so that usage and errors list them
   * all.
   */
  static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
    CommandLine root = new CommandLine(RootCommand.class, factory);
    Class<?> named = null;
    for (String arg : args) {
      if (arg.equals("--debug")) {
        continue;
      }
      named = arg.startsWith("-") ? null : byName(arg);
      break;
    }
    for (Class<?> command : SUBCOMMANDS) {
      if (named == null || command == named) {
        root.addSubcommand(new CommandLine(command, factory));
      }
    }
    return root;
  }

  private static Class<?> byName(String name) {
    for (Class<?> command : SUBCOMMANDS) {
      Command annotation = command.getAnnotation(Command.class);
      if (annotation.name().equals(name) && command != CommandLine.HelpCommand.class) {
        return command;
      }
      for (String alias : annotation.aliases()) {
        if (alias.equals(name)) {
          return command;
        }
      }
    }
    return null;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}

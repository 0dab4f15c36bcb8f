package io.cloudsync.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs one cloudsync command in-process; never calls System.exit. */
public final class CloudSync {
  private static final String GUICE_BYTECODE = "guice_bytecode_gen_option";

  private CloudSync() {}

  /** The process entry point: runs {@code args} and exits with the command's exit code. */
  public static void main(String[] args) {
    // Guice's class generation is not needed (no method interception) and only costs start-up
    // time and warnings about sun.misc.Unsafe on recent JDKs.
    if (System.getProperty(GUICE_BYTECODE) == null) {
      System.setProperty(GUICE_BYTECODE, "DISABLED");
    }
    System.exit(run(Invocation.system(), args));
  }

  /**
   * Runs one command.
   *
   * @return the exit code (see {@link ExitCode})
   */
  public static int run(Invocation invocation, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    ErrorReporter errors = new ErrorReporter(invocation.err(), debug);
    try {
      if (debug) {
        Logging.enableDebug();
      }
      Injector injector = Guice.createInjector(Stage.DEVELOPMENT, new CliModule(invocation));
      CommandLine commandLine = RootCommand.commandLine(new GuiceFactory(injector), args);
      commandLine.setOut(writer(invocation.out()));
      commandLine.setErr(writer(invocation.err()));
      commandLine.setParameterExceptionHandler(
          (ex, ignored) -> errors.report(usage(ex), usageHint(ex.getCommandLine())));
      commandLine.setExecutionExceptionHandler(
          (ex, ignoredLine, ignoredResult) -> errors.report(ex));
      int code = commandLine.execute(args);
      commandLine.getOut().flush();
      commandLine.getErr().flush();
      return code;
    } catch (RuntimeException | LinkageError e) {
      return errors.report(e);
    } finally {
      invocation.out().flush();
      invocation.err().flush();
    }
  }

  /** Says "unknown command 'x'" rather than picocli's "Unmatched argument at index 0". */
  private static CommandLine.ParameterException usage(CommandLine.ParameterException ex) {
    CommandLine where = ex.getCommandLine();
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
        && !where.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return new CommandLine.ParameterException(
          where,
          "unknown command '"
              + unmatched.getUnmatched().get(0)
              + "'; commands: "
              + String.join(", ", where.getSubcommands().keySet()));
    }
    return ex;
  }

  private static String usageHint(CommandLine where) {
    return "see '" + where.getCommandSpec().qualifiedName() + " --help'";
  }

  private static PrintWriter writer(java.io.PrintStream stream) {
    return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}

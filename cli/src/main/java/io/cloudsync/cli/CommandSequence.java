package io.cloudsync.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs several cloudsync commands one after another in one JVM, the commands separated by a lone
 * {@code ---}: {@code CommandSequence sync A --remote local:R --- sync B --remote s3://…}.
 *
 * <p>The build uses it to record the ahead-of-time cache over a local sync and an S3 sync in one
 * training run: a JDK 25 cache records a single JVM, and a cache trained on the local backend alone
 * leaves the S3 client's classes and profiles out, which then cost every S3 command their loading
 * and warm-up. Every command runs even if one before it fails; the exit code is the first non-zero
 * one.
 */
public final class CommandSequence {
  static final String SEPARATOR = "---";

  private CommandSequence() {}

  /** Runs the commands in {@code args} and exits with the first non-zero exit code, or 0. */
  public static void main(String[] args) {
    System.exit(run(Invocation.system(), args));
  }

  /**
   * Runs each command through {@link CloudSync#run}.
   *
   * @return the first non-zero exit code, or 0 when every command succeeded
   */
  static int run(Invocation invocation, String... args) {
    int result = 0;
    for (List<String> command : split(args)) {
      int code = CloudSync.run(invocation, command.toArray(String[]::new));
      if (result == 0 && code != 0) {
        result = code;
      }
    }
    return result;
  }

  static List<List<String>> split(String... args) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(SEPARATOR)) {
        if (!current.isEmpty()) {
          commands.add(List.copyOf(current));
        }
        current.clear();
      } else {
        current.add(arg);
      }
    }
    if (!current.isEmpty()) {
      commands.add(List.copyOf(current));
    }
    return commands;
  }
}

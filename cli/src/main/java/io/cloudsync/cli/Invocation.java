package io.cloudsync.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command runs: working directory, environment, output streams. Tests pass their own, so a
 * command never reads the process's current directory or environment behind their back.
 *
 * @param workingDir the folder relative paths (and {@code cloudsync.yaml}) are resolved against
 * @param env the environment ({@code CLOUDSYNC_REMOTE}, {@code XDG_DATA_HOME}, {@code HOME}, and
 *     whatever providers read)
 * @param out where results go
 * @param err where the one-line error messages go
 */
public record Invocation(
    Path workingDir, Map<String, String> env, PrintStream out, PrintStream err) {

  /** Validates the fields, makes the working directory absolute and copies the environment. */
  public Invocation {
    workingDir = requireNonNull(workingDir, "workingDir is null").toAbsolutePath().normalize();
    env = Map.copyOf(requireNonNull(env, "env is null"));
    requireNonNull(out, "out is null");
    requireNonNull(err, "err is null");
  }

  /** The real process: its current directory, environment, standard output and error. */
  public static Invocation system() {
    return new Invocation(Path.of(""), System.getenv(), System.out, System.err);
  }
}

package io.cloudsync.cli;

import static java.util.Objects.requireNonNull;

/** A failure the CLI itself detected, with the exit code and the one-line message to print. */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  CliFailure(ExitCode exitCode, String message) {
    super(requireNonNull(message, "message is null"));
    this.exitCode = requireNonNull(exitCode, "exitCode is null");
  }

  CliFailure(ExitCode exitCode, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.exitCode = requireNonNull(exitCode, "exitCode is null");
  }

  ExitCode exitCode() {
    return exitCode;
  }
}

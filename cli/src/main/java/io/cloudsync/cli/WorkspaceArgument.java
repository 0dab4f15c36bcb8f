package io.cloudsync.cli;

import picocli.CommandLine.Parameters;

/** The optional workspace folder of {@code sync} and {@code status}, a picocli mixin. */
final class WorkspaceArgument {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "The workspace folder (default: the current folder).")
  String path;

  /** Whether PATH was given (rather than defaulting to the current folder). */
  boolean given() {
    return path != null;
  }
}

package io.cloudsync.cli;

/**
 * What one in-process run of the CLI produced.
 *
 * @param exitCode the exit code
 * @param out everything printed on standard output (UTF-8)
 * @param err everything printed on standard error (UTF-8)
 */
public record CliResult(int exitCode, String out, String err) {

  /** The lines of standard output. */
  public java.util.List<String> outLines() {
    return out.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}

package io.cloudsync.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs cloudsync commands in-process, in a given working folder and environment, capturing the exit
 * code and both output streams. Nothing reads the test process's own directory or environment.
 */
public final class CliRunner {
  private final Path workingDir;
  private final Map<String, String> env;

  /**
   * @param workingDir where relative paths and {@code cloudsync.yaml} are resolved
   * @param env the environment the CLI sees ({@code HOME}, {@code CLOUDSYNC_REMOTE}, …)
   */
  public CliRunner(Path workingDir, Map<String, String> env) {
    this.workingDir = workingDir;
    this.env = Map.copyOf(env);
  }

  /** A runner in the same folder with {@code name=value} added to the environment. */
  public CliRunner withEnv(String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return new CliRunner(workingDir, more);
  }

  /** Runs one command. */
  public CliResult run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = CloudSync.run(new Invocation(workingDir, env, o, e), args);
      return new CliResult(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** The working folder. */
  public Path workingDir() {
    return workingDir;
  }
}

package io.cloudsync.cli;

import java.nio.file.Path;

/** {@code cloudsync.yaml} is malformed or holds an unknown key or a bad value. */
final class ConfigFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the configuration file
   * @param line the 1-based line, or 0 when unknown
   * @param problem what is wrong, naming the key
   */
  ConfigFileException(Path file, int line, String problem) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem);
  }

  ConfigFileException(Path file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem, cause);
  }
}

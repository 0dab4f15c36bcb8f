package io.cloudsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks on the local files a command reads or writes, each failing with a clear message. */
final class LocalFiles {
  private LocalFiles() {}

  /** Opens a regular file for reading, or says exactly why it cannot. */
  static InputStream openForReading(Path file) {
    if (!Files.exists(file)) {
      throw new CliFailure(
          ExitCode.NOT_FOUND,
          file
              + ": no such file"
              + (Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? " (a broken symbolic link)" : ""));
    }
    if (Files.isDirectory(file)) {
      throw new CliFailure(
          ExitCode.INVALID_INPUT,
          file + ": is a folder; give a file (folders are synced with sync)");
    }
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(ExitCode.INVALID_INPUT, file + ": is not a regular file");
    }
    try {
      return Files.newInputStream(file);
    } catch (AccessDeniedException e) {
      throw new CliFailure(
          ExitCode.LOCAL_IO, file + ": cannot be read (permission denied); check its mode", e);
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.LOCAL_IO, file + ": cannot be read (" + ErrorReporter.messageOf(e) + ")", e);
    }
  }

  /** The size of a file already opened, or a clear failure. */
  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.LOCAL_IO, file + ": cannot be read (" + e + ")", e);
    }
  }
}

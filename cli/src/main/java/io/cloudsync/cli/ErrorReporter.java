package io.cloudsync.cli;

import io.cloudsync.core.InvalidObjectKeyException;
import io.cloudsync.storage.StorageException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Prints a failure as one line, {@code cloudsync: <message>}, and returns its exit code. The stack
 * trace follows only with {@code --debug}. Messages come from types that promise to hold no secret
 * (the port's exceptions, the CLI's own), and are flattened to one line with control characters
 * escaped.
 */
final class ErrorReporter {
  private final PrintStream err;
  private final boolean debug;

  ErrorReporter(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  int report(Throwable failure) {
    return report(failure, null);
  }

  int report(Throwable failure, String hint) {
    ExitCode code = ExitCode.of(failure);
    String message = messageOf(failure);
    if (hint != null) {
      message = message + " (" + hint + ")";
    }
    err.println("cloudsync: " + oneLine(message));
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  static String messageOf(Throwable failure) {
    Throwable t = ExitCode.unwrap(failure);
    if (t instanceof CliFailure
        || t instanceof StorageException
        || t instanceof InvalidObjectKeyException
        || t instanceof ConfigFileException
        || t instanceof CommandLine.ParameterException) {
      return String.valueOf(t.getMessage());
    }
    if (t instanceof NoSuchFileException e) {
      return e.getFile() + ": no such file or folder";
    }
    if (t instanceof AccessDeniedException e) {
      return e.getFile() + ": permission denied";
    }
    if (t instanceof FileSystemException e) {
      return e.getFile() + ": " + (e.getReason() == null ? "I/O error" : e.getReason());
    }
    if (t instanceof java.io.IOException) {
      return "I/O error: " + t.getMessage();
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory; raise the heap with CLOUDSYNC_JAVA_OPTS=-Xmx1g";
    }
    return "unexpected "
        + t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage())
        + " (run again with --debug for details)";
  }

  /** Folds line breaks into spaces and escapes other control characters. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
      } else if (Character.isISOControl(c)) {
        out.append("\\u%04x".formatted((int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString().strip();
  }
}

package io.cloudsync.cli;

import io.cloudsync.core.InvalidObjectKeyException;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.UnsupportedFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The process exit codes of {@code cloudsync}, the same for every command. */
public enum ExitCode {
  /** Done. */
  OK(0, "ok"),
  /** An unexpected failure (a bug, or an error nobody classified). */
  FAILURE(1, "unexpected failure"),
  /** The command line is wrong: unknown command or option, missing argument. */
  USAGE(2, "usage error"),
  /** An object, bucket, root folder or local file does not exist. */
  NOT_FOUND(3, "not found"),
  /** A precondition failed, or conflicts were left open. */
  CONFLICT(4, "conflict"),
  /** The credentials were rejected or access was denied. */
  ACCESS_DENIED(5, "credentials rejected / access denied"),
  /** The backend could not be reached. */
  UNREACHABLE(6, "backend unreachable"),
  /** Invalid input: a key, URI, configuration, unknown scheme or option value. */
  INVALID_INPUT(7, "invalid input"),
  /** Local I/O failed: an unreadable file, a full disk, a read-only folder. */
  LOCAL_IO(8, "local I/O error"),
  /** The backend kept throttling after every retry. */
  THROTTLED(9, "throttled"),
  /** The sync journal is corrupted. */
  JOURNAL_CORRUPTED(10, "journal corrupted"),
  /** A sync would delete more than {@code --max-delete} allows. */
  DELETION_LIMIT(11, "deletion limit exceeded"),
  /** The backend lacks the feature the command needs. */
  UNSUPPORTED(12, "unsupported feature");

  /**
   * The one place that maps errors to exit codes: the first entry whose type matches wins, so more
   * specific types come first.
   */
  private static final List<Map.Entry<Class<? extends Throwable>, ExitCode>> BY_TYPE =
      List.of(
          Map.entry(InvalidObjectKeyException.class, INVALID_INPUT),
          Map.entry(ConfigFileException.class, INVALID_INPUT),
          Map.entry(NotFoundException.class, NOT_FOUND),
          Map.entry(PreconditionFailedException.class, CONFLICT),
          Map.entry(AccessDeniedException.class, ACCESS_DENIED),
          Map.entry(BackendUnreachableException.class, UNREACHABLE),
          Map.entry(TransientStorageException.class, UNREACHABLE),
          Map.entry(ThrottledException.class, THROTTLED),
          Map.entry(InvalidKeyException.class, INVALID_INPUT),
          Map.entry(InvalidConfigException.class, INVALID_INPUT),
          Map.entry(LocalIoException.class, LOCAL_IO),
          Map.entry(UnsupportedFeatureException.class, UNSUPPORTED),
          Map.entry(NoSuchFileException.class, NOT_FOUND),
          Map.entry(java.nio.file.AccessDeniedException.class, LOCAL_IO),
          Map.entry(IOException.class, LOCAL_IO));

  /** The failure inside the wrappers that carry it: Guice's provisioning, unchecked I/O. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null
        && (t instanceof com.google.inject.ProvisionException
            || t instanceof UncheckedIOException
            || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t;
  }

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The number the process exits with. */
  public int code() {
    return code;
  }

  /** What the code means, for the help text and the README. */
  public String meaning() {
    return meaning;
  }

  /** The exit code for a failure. */
  public static ExitCode of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof CliFailure cli) {
      return cli.exitCode();
    }
    if (t instanceof CommandLine.ParameterException p) {
      return p.getCause() instanceof CommandLine.TypeConversionException ? INVALID_INPUT : USAGE;
    }
    for (Map.Entry<Class<? extends Throwable>, ExitCode> entry : BY_TYPE) {
      if (entry.getKey().isInstance(t)) {
        return entry.getValue();
      }
    }
    return FAILURE;
  }
}

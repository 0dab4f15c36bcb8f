package io.cloudsync.engine.journal;

/**
 * The journal could not be written or read for a reason other than corruption (disk full, lock).
 */
public final class JournalAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JournalAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}

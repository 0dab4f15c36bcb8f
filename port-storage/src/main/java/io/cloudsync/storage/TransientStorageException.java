package io.cloudsync.storage;

/** A fault that may pass: a timeout, a reset connection, a 5xx. Retryable. */
public class TransientStorageException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public TransientStorageException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public TransientStorageException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}

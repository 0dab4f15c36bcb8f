package io.cloudsync.storage;

/**
 * The backend could not be reached at all: connection refused, unknown host, or faults that
 * outlasted the retries.
 */
public class BackendUnreachableException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public BackendUnreachableException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public BackendUnreachableException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

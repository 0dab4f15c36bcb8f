package io.cloudsync.storage;

/** The backend asked us to slow down (429, SlowDown, ServerBusy). Retryable. */
public class ThrottledException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public ThrottledException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public ThrottledException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}

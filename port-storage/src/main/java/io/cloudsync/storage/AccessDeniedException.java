package io.cloudsync.storage;

/** The backend refused the credentials or the operation ("credentials rejected"). */
public class AccessDeniedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public AccessDeniedException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public AccessDeniedException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

package io.cloudsync.storage;

/** The object, bucket, container or root does not exist. */
public class NotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public NotFoundException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public NotFoundException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

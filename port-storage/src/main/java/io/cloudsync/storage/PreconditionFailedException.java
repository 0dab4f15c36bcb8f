package io.cloudsync.storage;

/** A conditional write or delete found another version than expected: someone else wrote first. */
public class PreconditionFailedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public PreconditionFailedException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public PreconditionFailedException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

package io.cloudsync.storage;

/** A key that the port refuses (see {@link io.cloudsync.core.ObjectKey}). */
public class InvalidKeyException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public InvalidKeyException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public InvalidKeyException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

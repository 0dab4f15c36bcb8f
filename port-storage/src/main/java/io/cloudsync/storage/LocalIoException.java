package io.cloudsync.storage;

/** A local file could not be read or written (unreadable file, disk full, read-only root). */
public class LocalIoException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public LocalIoException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public LocalIoException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

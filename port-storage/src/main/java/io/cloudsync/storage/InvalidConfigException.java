package io.cloudsync.storage;

/**
 * A backend URI or option that cannot work: unknown scheme, malformed endpoint, missing setting.
 */
public class InvalidConfigException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public InvalidConfigException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public InvalidConfigException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

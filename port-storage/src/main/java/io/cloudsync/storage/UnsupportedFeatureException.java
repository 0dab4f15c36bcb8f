package io.cloudsync.storage;

/** The backend lacks the asked-for feature (for example server-side copy). */
public class UnsupportedFeatureException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With the location and what happened. */
  public UnsupportedFeatureException(String location, String detail) {
    super(location, detail, null);
  }

  /** With the location, what happened, and the underlying error. */
  public UnsupportedFeatureException(String location, String detail, Throwable cause) {
    super(location, detail, cause);
  }
}

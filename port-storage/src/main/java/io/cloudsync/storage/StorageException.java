package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

/**
 * The root of the port's errors. Every message has one shape, {@code "<location>: <detail>"}, for
 * example {@code "s3://bucket/docs/a.txt: not found"}, and never holds a secret. Adapters map their
 * SDK's errors onto the subclasses so that callers decide by type, not by provider.
 */
public abstract class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String detail;

  /**
   * @param location where it happened: a URI of the backend, bucket or object
   * @param detail what happened and, where there is one, the fix
   * @param cause the underlying error, or {@code null}
   */
  protected StorageException(String location, String detail, Throwable cause) {
    super(
        requireNonNull(location, "location is null") + ": " + requireNonNull(detail, "detail"),
        cause);
    this.location = location;
    this.detail = detail;
  }

  /** Where it happened. */
  public String location() {
    return location;
  }

  /** What happened, without the location. */
  public String detail() {
    return detail;
  }

  /** Whether trying the same call again later may succeed (throttling, transient faults). */
  public boolean isRetryable() {
    return false;
  }
}

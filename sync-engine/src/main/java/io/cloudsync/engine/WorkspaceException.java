package io.cloudsync.engine;

/** The workspace folder is missing, not a folder, or cannot be written. */
public final class WorkspaceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the path and the problem, with the fix
   * @param cause the underlying error, or {@code null}
   */
  public WorkspaceException(String message, Throwable cause) {
    super(message, cause);
  }
}

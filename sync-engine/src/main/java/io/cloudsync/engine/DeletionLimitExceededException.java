package io.cloudsync.engine;

/**
 * A run would delete more than {@code --max-delete} allows; it stopped before changing anything.
 */
public final class DeletionLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param deletions the deletions planned
   * @param limit the limit in force
   * @param knownKeys the keys the journal knows
   * @param setting the limit as given
   */
  public DeletionLimitExceededException(
      long deletions, long limit, long knownKeys, MaxDelete setting) {
    super(
        "sync stopped before changing anything: it would delete "
            + deletions
            + " of "
            + knownKeys
            + " known files, more than --max-delete "
            + setting
            + " allows ("
            + limit
            + "); check the workspace and the remote, then rerun with a higher --max-delete"
            + " (for example --max-delete 100%) if the deletions are intended");
  }
}

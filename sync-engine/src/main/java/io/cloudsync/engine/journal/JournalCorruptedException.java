package io.cloudsync.engine.journal;

import java.nio.file.Path;

/**
 * The sync journal ({@code .cloudsync/state.db}) cannot be read. Nothing was changed on either
 * side; the message names the file and the way out, {@code cloudsync sync --rebuild-journal}, which
 * sets the damaged file aside and re-derives the base by comparing content hashes.
 */
public final class JournalCorruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param database the journal file
   * @param cause the database error
   */
  public JournalCorruptedException(Path database, Throwable cause) {
    super(
        database
            + ": the sync journal is corrupted ("
            + (cause == null ? "unreadable" : firstLine(cause.getMessage()))
            + "); run `cloudsync sync --rebuild-journal` to set it aside and rebuild it by"
            + " comparing content (nothing is deleted or overwritten)",
        cause);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

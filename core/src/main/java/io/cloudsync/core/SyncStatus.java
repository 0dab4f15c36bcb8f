package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a sync pair stands: what is waiting to move, what needs a person, and when it last ran.
 *
 * @param pendingUploads local changes not yet on the remote
 * @param pendingDownloads remote changes not yet in the workspace
 * @param pendingDeletes deletions not yet carried to the other side
 * @param openConflicts conflicts recorded and not resolved
 * @param lastSync when the last sync finished, if one ever did
 * @param offline whether operations are being queued instead of sent
 */
public record SyncStatus(
    int pendingUploads,
    int pendingDownloads,
    int pendingDeletes,
    int openConflicts,
    Optional<Instant> lastSync,
    boolean offline) {

  /** Validates the fields. */
  public SyncStatus {
    requireNonNull(lastSync, "lastSync is null");
    if (pendingUploads < 0 || pendingDownloads < 0 || pendingDeletes < 0 || openConflicts < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Whether both sides agree and nothing needs a person. */
  public boolean inSync() {
    return pendingUploads == 0
        && pendingDownloads == 0
        && pendingDeletes == 0
        && openConflicts == 0;
  }
}

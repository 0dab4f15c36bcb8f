package io.cloudsync.engine;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.SyncOperation;
import java.util.List;

/**
 * What a sync run did (or, for a dry run, would do).
 *
 * @param dryRun whether nothing was changed
 * @param uploaded files sent to the remote
 * @param downloaded files brought into the workspace
 * @param deletedRemote remote objects deleted
 * @param deletedLocal workspace files moved to the trash
 * @param conflicts conflicts met (resolved or left open)
 * @param openConflicts conflicts left open for a person
 * @param skipped keys left alone this run
 * @param bytesUploaded bytes sent
 * @param bytesDownloaded bytes received
 * @param durationMs wall time
 * @param plan the planned operations
 * @param notices reports for the user (symlinks, rejected remote names, skips, lost races)
 * @param errors actions that failed; they are retried next run
 * @param retried backend calls that needed at least one retry
 */
public record SyncResult(
    boolean dryRun,
    int uploaded,
    int downloaded,
    int deletedRemote,
    int deletedLocal,
    int conflicts,
    int openConflicts,
    int skipped,
    long bytesUploaded,
    long bytesDownloaded,
    long durationMs,
    List<SyncOperation> plan,
    List<String> notices,
    List<String> errors,
    long retried) {

  /** Validates and copies. */
  public SyncResult {
    plan = List.copyOf(requireNonNull(plan, "plan is null"));
    notices = List.copyOf(requireNonNull(notices, "notices is null"));
    errors = List.copyOf(requireNonNull(errors, "errors is null"));
    if (retried < 0) {
      throw new IllegalArgumentException("retried calls cannot be negative: " + retried);
    }
  }

  /** Whether every action completed and no conflict waits for a person. */
  public boolean clean() {
    return errors.isEmpty() && openConflicts == 0;
  }
}

package io.cloudsync.engine.plan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.scan.LocalFile;
import java.util.Optional;

/**
 * One operation of a plan with the three states it was decided from, so the executor can make its
 * writes conditional on exactly what the planner saw.
 *
 * @param operation what to do
 * @param base the journal's base, if the key had one
 * @param local the workspace file as scanned, if present
 * @param remote the remote object as listed, if present
 * @param conflict the conflict, for {@link SyncOperation.Type#CONFLICT} operations
 */
public record PlannedAction(
    SyncOperation operation,
    Optional<JournalEntry> base,
    Optional<LocalFile> local,
    Optional<RemoteFile> remote,
    Optional<ConflictInfo> conflict) {

  /** Validates the fields. */
  public PlannedAction {
    requireNonNull(operation, "operation is null");
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
    requireNonNull(conflict, "conflict is null");
    if (conflict.isPresent() != (operation.type() == SyncOperation.Type.CONFLICT)) {
      throw new IllegalArgumentException("a conflict goes with a CONFLICT operation only");
    }
  }

  /** The key. */
  public ObjectKey key() {
    return operation.key();
  }

  /** The operation's type. */
  public SyncOperation.Type type() {
    return operation.type();
  }
}

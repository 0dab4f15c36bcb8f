package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

/**
 * One action that a sync plan decides for one key.
 *
 * @param type what to do
 * @param key the key it is done to
 * @param bytes how many bytes it moves (0 for deletions and bookkeeping)
 * @param reason why the planner chose it, for {@code --dry-run} and logs
 */
public record SyncOperation(Type type, ObjectKey key, long bytes, String reason) {

  /** The kinds of action a plan holds. */
  public enum Type {
    /** Send the local file to the remote. */
    UPLOAD,
    /** Fetch the remote object into the workspace. */
    DOWNLOAD,
    /** Remove the remote object. */
    DELETE_REMOTE,
    /** Move the local file into the workspace trash. */
    DELETE_LOCAL,
    /** Both sides changed differently: hand to the conflict strategy. */
    CONFLICT,
    /** Both sides agree already: only record the new base. */
    RECORD_BASE,
    /** Nothing can be done for this key now (reported, retried next run). */
    SKIP
  }

  /** Validates the fields. */
  public SyncOperation {
    requireNonNull(type, "type is null");
    requireNonNull(key, "key is null");
    requireNonNull(reason, "reason is null");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes is negative: " + bytes);
    }
  }
}

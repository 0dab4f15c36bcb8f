package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A key that changed on both sides since the last agreed base.
 *
 * @param key the key in conflict
 * @param kind how the two sides disagree
 * @param base the content both sides last agreed on, when there was one
 * @param local the workspace's content, empty when deleted locally
 * @param remote the remote's content, empty when deleted remotely
 * @param detectedAt when the conflict was found
 * @param resolution how it was resolved (the strategy's name and outcome), empty while open
 */
public record ConflictInfo(
    ObjectKey key,
    Kind kind,
    Optional<ContentHash> base,
    Optional<ContentHash> local,
    Optional<ContentHash> remote,
    Instant detectedAt,
    Optional<String> resolution) {

  /** How the two sides disagree. */
  public enum Kind {
    /** Both sides changed the content differently (or created it with different content). */
    BOTH_MODIFIED,
    /** The workspace changed it, the remote deleted it. */
    LOCAL_MODIFIED_REMOTE_DELETED,
    /** The workspace deleted it, the remote changed it. */
    LOCAL_DELETED_REMOTE_MODIFIED,
    /** A conditional remote write lost a race with another writer. */
    LOST_RACE,
    /** One side has a folder where the other has a file of the same name. */
    FILE_FOLDER
  }

  /** Validates the fields. */
  public ConflictInfo {
    requireNonNull(key, "key is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
    requireNonNull(detectedAt, "detectedAt is null");
    requireNonNull(resolution, "resolution is null");
  }

  /** Whether nobody has resolved it yet. */
  public boolean isOpen() {
    return resolution.isEmpty();
  }
}

package io.cloudsync.engine.conflicts;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;

/** How the executor settles one conflict. */
public sealed interface ConflictDecision {

  /** The side named. */
  enum Side {
    /** The workspace. */
    LOCAL,
    /** The remote. */
    REMOTE
  }

  /** The workspace's side (content or deletion) goes to the remote. */
  record TakeLocal() implements ConflictDecision {}

  /** The remote's side (content or deletion) comes to the workspace. */
  record TakeRemote() implements ConflictDecision {}

  /**
   * The winner keeps the key; the loser's content is kept under {@code loserKey} on both sides.
   *
   * @param winner who keeps the key
   * @param loserKey where the other content goes
   */
  record KeepBoth(Side winner, ObjectKey loserKey) implements ConflictDecision {
    /** Validates the fields. */
    public KeepBoth {
      requireNonNull(winner, "winner is null");
      requireNonNull(loserKey, "loserKey is null");
    }
  }

  /** Nothing moves; the conflict stays open for {@code cloudsync conflicts resolve}. */
  record Leave() implements ConflictDecision {}

  /**
   * Both sides get this merged content.
   *
   * @param content the merged bytes
   */
  record Merged(byte[] content) implements ConflictDecision {
    /** Copies the content. */
    public Merged {
      content = requireNonNull(content, "content is null").clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }
}

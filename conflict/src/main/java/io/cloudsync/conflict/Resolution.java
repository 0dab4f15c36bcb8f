package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import java.util.Arrays;

/** What the sync engine does to settle one conflict. */
public sealed interface Resolution {

  /** Which side of a conflict. */
  enum Side {
    /** The workspace. */
    LOCAL,
    /** The backend. */
    REMOTE
  }

  /** The local side, content or deletion, goes to the remote. */
  record TakeLocal() implements Resolution {}

  /** The remote side, content or deletion, comes to the workspace. */
  record TakeRemote() implements Resolution {}

  /**
   * The winner keeps the key on both sides; the loser's content is stored under {@code loserKey} on
   * both sides.
   *
   * @param winner the side whose content stays under the original key
   * @param loserKey where the other side's content is kept
   */
  record KeepBoth(Side winner, ObjectKey loserKey) implements Resolution {
    /** Validates the fields. */
    public KeepBoth {
      requireNonNull(winner, "winner is null");
      requireNonNull(loserKey, "loserKey is null");
    }

    /** The side whose content moves to {@link #loserKey()}. */
    public Side loser() {
      return winner == Side.LOCAL ? Side.REMOTE : Side.LOCAL;
    }
  }

  /** Nothing moves; the conflict stays open in the journal (the manual strategy). */
  record LeaveBoth() implements Resolution {}

  /**
   * The merge succeeded: write this content to both sides.
   *
   * @param content the merged bytes (UTF-8 text)
   */
  record Merged(byte[] content) implements Resolution {
    /** Copies the content. */
    public Merged {
      content = requireNonNull(content, "content is null").clone();
    }

    /** A copy of the merged bytes. */
    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Merged merged && Arrays.equals(content, merged.content);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "Merged[" + content.length + " bytes]";
    }
  }
}

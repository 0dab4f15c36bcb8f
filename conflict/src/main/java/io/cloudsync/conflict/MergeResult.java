package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a merge: either clean, with the merged text, or not, with what conflicted.
 *
 * @param clean whether every change could be applied
 * @param merged the merged text when clean, empty otherwise
 * @param conflicts one sentence per conflicting place when not clean, empty when clean
 */
public record MergeResult(boolean clean, Optional<String> merged, List<String> conflicts) {

  /** Validates that a clean result has text and no conflicts, and a conflicted one the reverse. */
  public MergeResult {
    requireNonNull(merged, "merged is null");
    conflicts = List.copyOf(requireNonNull(conflicts, "conflicts is null"));
    if (clean && (merged.isEmpty() || !conflicts.isEmpty())) {
      throw new IllegalArgumentException("a clean merge has merged text and no conflicts");
    }
    if (!clean && (merged.isPresent() || conflicts.isEmpty())) {
      throw new IllegalArgumentException("a conflicted merge has conflicts and no merged text");
    }
  }

  /** A clean merge producing {@code text}. */
  public static MergeResult clean(String text) {
    return new MergeResult(true, Optional.of(requireNonNull(text, "text is null")), List.of());
  }

  /** A merge that failed at these places. */
  public static MergeResult conflicted(List<String> conflicts) {
    return new MergeResult(false, Optional.empty(), conflicts);
  }

  /** A merge that failed for one reason. */
  public static MergeResult conflicted(String conflict) {
    return conflicted(List.of(conflict));
  }
}

package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import java.time.Instant;
import java.util.Optional;

/**
 * One side of a conflict as the resolver sees it: whether the file exists there and, if it does,
 * its hash, size and modification time.
 *
 * @param exists whether a file is stored under the key on this side (false when deleted)
 * @param hash the content's SHA-256, when known
 * @param size the content's length in bytes (0 when absent)
 * @param modified the modification time, when known
 */
public record ConflictSide(
    boolean exists, Optional<ContentHash> hash, long size, Optional<Instant> modified) {

  private static final ConflictSide ABSENT =
      new ConflictSide(false, Optional.empty(), 0, Optional.empty());

  /** Validates the fields. */
  public ConflictSide {
    requireNonNull(hash, "hash is null");
    requireNonNull(modified, "modified is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    if (!exists && (hash.isPresent() || size != 0)) {
      throw new IllegalArgumentException("an absent side has no hash and no size");
    }
  }

  /** A side on which the file does not exist (deleted, or never created). */
  public static ConflictSide absent() {
    return ABSENT;
  }

  /** A side holding content with this hash, size and modification time. */
  public static ConflictSide present(ContentHash hash, long size, Instant modified) {
    return new ConflictSide(
        true,
        Optional.of(requireNonNull(hash, "hash is null")),
        size,
        Optional.of(requireNonNull(modified, "modified is null")));
  }
}

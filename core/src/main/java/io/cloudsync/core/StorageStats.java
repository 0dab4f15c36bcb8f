package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Totals over the objects of a backend (or a prefix of it).
 *
 * @param objectCount how many objects
 * @param totalBytes their summed size
 * @param lastModified the newest modification time, empty when there are no objects
 */
public record StorageStats(long objectCount, long totalBytes, Optional<Instant> lastModified) {

  /** No objects. */
  public static final StorageStats EMPTY = new StorageStats(0, 0, Optional.empty());

  /** Validates the fields. */
  public StorageStats {
    requireNonNull(lastModified, "lastModified is null");
    if (objectCount < 0 || totalBytes < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** These totals with one more object added. */
  public StorageStats plus(RemoteFile file) {
    Instant newest =
        lastModified.filter(t -> t.isAfter(file.lastModified())).orElse(file.lastModified());
    return new StorageStats(objectCount + 1, totalBytes + file.size(), Optional.of(newest));
  }
}

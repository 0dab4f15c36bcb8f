package io.cloudsync.engine.journal;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ConflictInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * One conflict as the journal logs it.
 *
 * @param id its row number
 * @param info the conflict (key, kind, hashes, detection time, resolution)
 * @param resolvedAt when it was resolved, empty while open
 */
public record ConflictRecord(long id, ConflictInfo info, Optional<Instant> resolvedAt) {

  /** Validates the fields. */
  public ConflictRecord {
    requireNonNull(info, "info is null");
    requireNonNull(resolvedAt, "resolvedAt is null");
  }
}

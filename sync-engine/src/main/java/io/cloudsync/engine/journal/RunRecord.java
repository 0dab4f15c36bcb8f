package io.cloudsync.engine.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One sync run as the journal remembers it.
 *
 * @param id the run's number
 * @param started when it started
 * @param finished when it finished, empty if it never did (crash or still running)
 * @param uploaded uploads completed
 * @param downloaded downloads completed
 * @param deleted deletions completed, both sides
 * @param conflicts conflicts met
 * @param errors errors met
 */
public record RunRecord(
    long id,
    Instant started,
    Optional<Instant> finished,
    int uploaded,
    int downloaded,
    int deleted,
    int conflicts,
    int errors) {

  /** Validates the fields. */
  public RunRecord {
    requireNonNull(started, "started is null");
    requireNonNull(finished, "finished is null");
  }
}

package io.cloudsync.engine;

import static java.util.Objects.requireNonNull;

import io.cloudsync.engine.plan.Direction;
import io.cloudsync.engine.resilience.BandwidthLimit;
import io.cloudsync.engine.resilience.RetryPolicy;
import java.util.Optional;
import java.util.Set;

/**
 * How one sync run behaves.
 *
 * @param direction which way changes travel
 * @param dryRun plan only; change nothing on either side
 * @param strategy the conflict strategy for this run, overriding the configured rules; empty to use
 *     the configured rules
 * @param transfers how many transfers run at once: whole files, and the extra parts of multipart
 *     (block) uploads on backends that send parts in parallel
 * @param maxDelete the deletion limit
 * @param rebuildJournal set the journal aside and re-derive the base by comparing hashes
 * @param only when not empty, act only on these keys (used to resolve one conflict)
 * @param checkers how many workspace files are hashed at once while scanning, and how many per-key
 *     checks against the remote run at once while the plan is carried out (reading a remote object
 *     without a recorded hash to compare it in a conflict, re-stating it after a download)
 * @param retry how failed backend calls are retried (unless the backend given to the engine already
 *     retries its calls)
 * @param bandwidth the run's bandwidth limit, shared by all its transfers
 */
public record SyncOptions(
    Direction direction,
    boolean dryRun,
    Optional<String> strategy,
    int transfers,
    MaxDelete maxDelete,
    boolean rebuildJournal,
    Set<String> only,
    int checkers,
    RetryPolicy retry,
    BandwidthLimit bandwidth) {

  /** The default number of parallel transfers. */
  public static final int DEFAULT_TRANSFERS = 8;

  /** The default number of files hashed at once: the processors, from 2 up to 8. */
  public static final int DEFAULT_CHECKERS =
      Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));

  /** Validates the fields. */
  public SyncOptions {
    requireNonNull(direction, "direction is null");
    requireNonNull(strategy, "strategy is null");
    requireNonNull(maxDelete, "maxDelete is null");
    requireNonNull(retry, "retry is null");
    requireNonNull(bandwidth, "bandwidth is null");
    only = Set.copyOf(requireNonNull(only, "only is null"));
    if (transfers < 1) {
      throw new IllegalArgumentException("--transfers must be at least 1, got " + transfers);
    }
    if (checkers < 1) {
      throw new IllegalArgumentException("--checkers must be at least 1, got " + checkers);
    }
  }

  /** Both ways, eight transfers, 50% deletion limit, configured strategies, default retries. */
  public static SyncOptions defaults() {
    return new SyncOptions(
        Direction.BOTH,
        false,
        Optional.empty(),
        DEFAULT_TRANSFERS,
        MaxDelete.DEFAULT,
        false,
        Set.of(),
        DEFAULT_CHECKERS,
        RetryPolicy.DEFAULT,
        BandwidthLimit.UNLIMITED);
  }

  /** A copy with another direction. */
  public SyncOptions withDirection(Direction d) {
    return new SyncOptions(
        d,
        dryRun,
        strategy,
        transfers,
        maxDelete,
        rebuildJournal,
        only,
        checkers,
        retry,
        bandwidth);
  }

  /** A copy that only plans. */
  public SyncOptions withDryRun(boolean dry) {
    return new SyncOptions(
        direction,
        dry,
        strategy,
        transfers,
        maxDelete,
        rebuildJournal,
        only,
        checkers,
        retry,
        bandwidth);
  }

  /** A copy with a strategy for every conflict. */
  public SyncOptions withStrategy(String s) {
    return new SyncOptions(
        direction,
        dryRun,
        Optional.of(s),
        transfers,
        maxDelete,
        rebuildJournal,
        only,
        checkers,
        retry,
        bandwidth);
  }

  /** A copy with another transfer count. */
  public SyncOptions withTransfers(int n) {
    return new SyncOptions(
        direction,
        dryRun,
        strategy,
        n,
        maxDelete,
        rebuildJournal,
        only,
        checkers,
        retry,
        bandwidth);
  }

  /** A copy with another deletion limit. */
  public SyncOptions withMaxDelete(MaxDelete m) {
    return new SyncOptions(
        direction,
        dryRun,
        strategy,
        transfers,
        m,
        rebuildJournal,
        only,
        checkers,
        retry,
        bandwidth);
  }

  /** A copy that rebuilds the journal first. */
  public SyncOptions withRebuildJournal(boolean r) {
    return new SyncOptions(
        direction, dryRun, strategy, transfers, maxDelete, r, only, checkers, retry, bandwidth);
  }

  /** A copy restricted to {@code keys}. */
  public SyncOptions withOnly(Set<String> keys) {
    return new SyncOptions(
        direction,
        dryRun,
        strategy,
        transfers,
        maxDelete,
        rebuildJournal,
        keys,
        checkers,
        retry,
        bandwidth);
  }

  /** A copy hashing {@code n} files at once. */
  public SyncOptions withCheckers(int n) {
    return new SyncOptions(
        direction,
        dryRun,
        strategy,
        transfers,
        maxDelete,
        rebuildJournal,
        only,
        n,
        retry,
        bandwidth);
  }

  /** A copy retrying failed backend calls as {@code policy} says. */
  public SyncOptions withRetry(RetryPolicy policy) {
    return new SyncOptions(
        direction,
        dryRun,
        strategy,
        transfers,
        maxDelete,
        rebuildJournal,
        only,
        checkers,
        policy,
        bandwidth);
  }

  /** A copy with the bandwidth limit {@code limit}. */
  public SyncOptions withBandwidth(BandwidthLimit limit) {
    return new SyncOptions(
        direction,
        dryRun,
        strategy,
        transfers,
        maxDelete,
        rebuildJournal,
        only,
        checkers,
        retry,
        limit);
  }
}

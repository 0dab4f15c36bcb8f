package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.core.concurrent.Waits;
import io.cloudsync.engine.conflicts.ConflictPolicy;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.plan.PlannedAction;
import io.cloudsync.engine.plan.SyncPlan;
import io.cloudsync.engine.resilience.BandwidthLimit;
import io.cloudsync.engine.scan.LocalFile;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsDeferredDurability;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries out a plan: each action on a virtual thread, at most {@code transfers} at once. The
 * transfers are a {@link TransferBudget} handed to the backend for the run when it is a {@link
 * SupportsTransferBudget}, so that the extra parts of its parallel uploads count against the same
 * {@code transfers} (an upload's first part rides on its action's permit); the budget is detached
 * when the run ends. The per-key checks made against the remote while carrying out the plan (the
 * content comparison of a conflict whose remote side has no recorded hash, the re-stat after
 * downloading such an object) run at most {@code checkers} at once. An action that fails is
 * reported and left for the next run (the journal only records completed actions); a conditional
 * write that loses a race becomes a {@link ConflictInfo.Kind#LOST_RACE} conflict, never an
 * overwrite. When the backend is unreachable (its connection errors outlasted the retries), no
 * further action starts; the actions under way finish, then the run fails with that {@link
 * BackendUnreachableException}, every completed action journaled.
 *
 * <p>The journal rows of completed actions are committed in groups ({@link JournalCommitter}),
 * every {@value #COMMIT_INTERVAL_MILLIS} ms and once more at the end of the run. Where the state
 * the unflushed data waits in can be named (this boot, the mounts written to), they are committed
 * unconfirmed without waiting for the disk, confirmed after a flush every {@value
 * #CONFIRM_INTERVAL_SECONDS} s, and the run returns without a last flush; {@link
 * #settleEarlierRuns} confirms or discards what a run left unconfirmed before the next one plans.
 * Elsewhere each group is committed after the remote's deferred writes and the workspace's new
 * files are flushed to stable storage.
 */
public final class SyncExecutor {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** How often completed actions are flushed and journaled during a run. */
  static final long COMMIT_INTERVAL_MILLIS = 100;

  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(COMMIT_INTERVAL_MILLIS);

  /**
   * How often a run's unconfirmed rows are flushed and confirmed: the kernel writes dirty data back
   * after 30 s, so by then the flush mostly waits for nothing.
   */
  static final long CONFIRM_INTERVAL_SECONDS = 30;

  private final StorageBackend backend;
  private final Journal journal;
  private final WorkspacePaths paths;
  private final ConflictPolicy policy;
  private final Clock clock;

  /**
   * @param backend the remote
   * @param journal the workspace's journal
   * @param paths the workspace's places
   * @param policy how conflicts are settled
   * @param clock the time for trash folders and conflict records
   */
  public SyncExecutor(
      StorageBackend backend,
      Journal journal,
      WorkspacePaths paths,
      ConflictPolicy policy,
      Clock clock) {
    this.backend = requireNonNull(backend, "backend is null");
    this.journal = requireNonNull(journal, "journal is null");
    this.paths = requireNonNull(paths, "paths is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Runs every action of {@code plan}; returns the tallies.
   *
   * @throws BackendUnreachableException when the backend became unreachable; the actions that
   *     completed before are journaled
   */
  public RunCounters execute(SyncPlan plan, int transfers, SyncListener listener) {
    return execute(plan, transfers, BandwidthLimit.UNLIMITED, listener);
  }

  /**
   * Runs every action of {@code plan} within {@code bandwidth}: one limiter per direction, shared
   * by all transfers of the run; returns the tallies.
   *
   * @throws BackendUnreachableException when the backend became unreachable; the actions that
   *     completed before are journaled
   */
  public RunCounters execute(
      SyncPlan plan, int transfers, BandwidthLimit bandwidth, SyncListener listener) {
    // Every check runs inside an action, so `transfers` of them at once is no bound beyond today's.
    return execute(plan, transfers, transfers, bandwidth, listener);
  }

  /**
   * Settles the journal rows an earlier run of the workspace left unconfirmed: confirmed after a
   * flush of both sides when the state their data waited in still stands (same boot, same mounts),
   * discarded otherwise, the bases before them answering again. Call it before reading the bases.
   *
   * @param log receives what was done, for the debug log
   * @return the keys whose rows were discarded: the remote's records of them are not to be trusted
   *     for their content (a power cut may have left a record without its bytes); empty when
   *     nothing was discarded
   */
  public static Set<ObjectKey> settleEarlierRuns(
      StorageBackend backend, Journal journal, WorkspacePaths paths, Consumer<String> log) {
    if (journal.unconfirmedScopes().isEmpty()) {
      return Set.of();
    }
    try (WorkspaceFlush workspace = WorkspaceFlush.of(paths.root())) {
      Optional<JournalCommitter.Settled> settled =
          JournalCommitter.settleEarlierRows(
              journal, backend, workspace, JournalCommitter.scopeOf(backend, workspace));
      settled.ifPresent(s -> log.accept(s.summary()));
      return settled.map(JournalCommitter.Settled::discarded).orElse(Set.of());
    }
  }

  /**
   * Runs every action of {@code plan}, at most {@code transfers} transfers (whole actions and the
   * extra parts of parallel uploads) and {@code checkers} remote checks at once, within {@code
   * bandwidth}; returns the tallies.
   *
   * @throws BackendUnreachableException when the backend became unreachable; the actions that
   *     completed before are journaled
   */
  public RunCounters execute(
      SyncPlan plan, int transfers, int checkers, BandwidthLimit bandwidth, SyncListener listener) {
    TransferBudget budget = TransferBudget.of(transfers);
    try (SupportsTransferBudget.Attachment attached =
        SupportsTransferBudget.attachTransferBudget(backend, budget)) {
      return execute(plan, budget, new RemoteChecks(checkers), bandwidth, listener);
    }
  }

  private RunCounters execute(
      SyncPlan plan,
      TransferBudget permits,
      RemoteChecks checks,
      BandwidthLimit bandwidth,
      SyncListener listener) {
    RunCounters counters = new RunCounters();
    WorkspaceFlush workspaceFlush = WorkspaceFlush.of(paths.root());
    try (JournalCommitter committer =
        new JournalCommitter(
            journal,
            SupportsDeferredDurability.deferDurability(backend),
            workspaceFlush,
            counters,
            COMMIT_INTERVAL,
            JournalCommitter.scopeOf(backend, workspaceFlush),
            Duration.ofSeconds(CONFIRM_INTERVAL_SECONDS))) {
      return execute(plan, permits, checks, bandwidth, listener, counters, workspaceFlush);
    }
  }

  private RunCounters execute(
      SyncPlan plan,
      TransferBudget permits,
      RemoteChecks checks,
      BandwidthLimit bandwidth,
      SyncListener listener,
      RunCounters counters,
      WorkspaceFlush workspaceFlush) {
    String runStamp = STAMP.format(clock.now());
    Transfers t =
        new Transfers(
            backend,
            journal,
            paths,
            counters,
            listener,
            bandwidth.uploadLimiter(),
            bandwidth.downloadLimiter(),
            checks,
            workspaceFlush);
    ConflictApplier conflicts =
        new ConflictApplier(backend, journal, paths, t, policy, counters, clock, runStamp, checks);
    Set<ObjectKey> openBefore =
        Set.copyOf(journal.openConflicts().stream().map(c -> c.info().key()).toList());
    AtomicReference<BackendUnreachableException> unreachable = new AtomicReference<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (PlannedAction action : plan.actions()) {
        Waits.uninterruptibly(permits::acquire);
        if (unreachable.get() != null) {
          permits.release();
          break;
        }
        running.add(
            threads.submit(
                () -> {
                  try {
                    run(action, t, conflicts, counters, runStamp, openBefore, unreachable);
                  } finally {
                    permits.release();
                    listener.done(action.operation());
                  }
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (Exception e) {
          counters.error("internal: " + e);
        }
      }
    }
    if (unreachable.get() != null) {
      throw unreachable.get();
    }
    return counters;
  }

  private void run(
      PlannedAction a,
      Transfers t,
      ConflictApplier conflicts,
      RunCounters counters,
      String runStamp,
      Set<ObjectKey> openBefore,
      AtomicReference<BackendUnreachableException> unreachable) {
    try {
      boolean keepBase = policy.keepsBase(a.key());
      switch (a.type()) {
        case UPLOAD -> t.upload(a.local().orElseThrow(), a.remote(), keepBase);
        case DOWNLOAD -> {
          var remote = a.remote().orElseThrow();
          t.download(remote, remote.key(), a.local(), keepBase);
        }
        case DELETE_REMOTE -> t.deleteRemote(a.remote().orElseThrow());
        case DELETE_LOCAL -> t.deleteLocal(a.local().orElseThrow(), runStamp);
        case RECORD_BASE -> t.recordBase(a.key(), a.local(), a.remote());
        case CONFLICT -> conflicts.apply(a);
        case SKIP -> {
          counters.skip();
          counters.notice(a.key() + ": skipped, " + a.operation().reason());
        }
      }
      if (a.type() != SyncOperation.Type.CONFLICT
          && a.type() != SyncOperation.Type.SKIP
          && openBefore.contains(a.key())) {
        journal.resolveConflicts(
            a.key(), "settled by sync: " + a.operation().reason(), clock.now());
      }
    } catch (PreconditionFailedException e) {
      lostRace(a, counters, e);
    } catch (BackendUnreachableException e) {
      unreachable.compareAndSet(null, e);
      counters.error(e.getMessage());
    } catch (StorageException e) {
      counters.error(e.getMessage());
    } catch (IOException e) {
      counters.error(
          paths.file(a.key()) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        counters.error(a.key() + ": " + io.getMessage());
      } else {
        throw e;
      }
    }
  }

  private void lostRace(PlannedAction a, RunCounters counters, PreconditionFailedException e) {
    counters.conflicts.incrementAndGet();
    ConflictInfo info =
        new ConflictInfo(
            a.key(),
            ConflictInfo.Kind.LOST_RACE,
            a.base().map(b -> b.hash()),
            a.local().flatMap(LocalFile::knownHash),
            a.remote().flatMap(r -> r.hash()),
            clock.now(),
            Optional.of("not written: another writer changed it first; decided again next run"));
    journal.recordConflict(info);
    counters.notice(
        a.key() + ": lost a race with another writer (" + e.detail() + "); decided again next run");
  }
}

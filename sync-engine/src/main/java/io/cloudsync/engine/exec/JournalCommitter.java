package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsDeferredDurability;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for a run: the actions' journal rows are {@linkplain Journal#holdWrites() held}, and
 * every {@code interval} a platform thread commits them in one transaction. How depends on whether
 * the run has an <em>unflushed scope</em>: a name for the state its unflushed writes wait in, such
 * that while the name holds they can be read back (this boot of the machine and the mounts written
 * to; see {@link #scopeOf}).
 *
 * <ul>
 *   <li>With a scope, the rows are committed {@linkplain Journal#commitUnconfirmed unconfirmed},
 *       without waiting for the disk, and confirmed after a flush of both sides every {@code
 *       confirmEvery}. The run returns without a last flush: the kernel writes the data back on its
 *       own, and the next run confirms the rows after a flush that is cheap by then, if the scope
 *       still holds, or discards them if not (after a restart or with a disk mounted anew) and
 *       compares both sides again. A crash of the process loses nothing and costs nothing; a power
 *       cut costs a comparison, never a file.
 *   <li>Without one (no unique mount ids on this kernel, say), the remote's deferred writes and the
 *       workspace's new files are flushed before every commit, and the run returns once the last is
 *       durable: a row is never written before the data it describes is on disk.
 * </ul>
 *
 * <p>Either way a sync of many small files pays one commit per interval instead of one fsync and
 * one commit per file. A failed flush commits (or confirms) nothing of what it covered and is
 * reported as an error of the run; the next run re-derives those bases by comparing content,
 * without a transfer. Rows whose confirming flush failed are never confirmed, not even after a
 * later flush that passes: the next run discards them and compares their content.
 */
final class JournalCommitter implements AutoCloseable {
  private final Journal journal;
  private final SupportsDeferredDurability.Batch remote;
  private final WorkspaceFlush workspace;
  private final RunCounters counters;
  private final long intervalNanos;
  private final Optional<String> scope;
  private final long confirmNanos;
  private final Thread thread;
  private final Object commitLock = new Object();
  private volatile boolean closed;
  // Guarded by commitLock.
  private int unconfirmed;
  private long lastConfirm = System.nanoTime();

  /** A committer that flushes before every commit (no unflushed scope). */
  JournalCommitter(
      Journal journal,
      SupportsDeferredDurability.Batch remote,
      WorkspaceFlush workspace,
      RunCounters counters,
      Duration interval) {
    this(journal, remote, workspace, counters, interval, Optional.empty(), Duration.ZERO);
  }

  /**
   * @param scope the run's unflushed scope ({@link #scopeOf}), empty to flush before every commit
   * @param confirmEvery how often unconfirmed rows are flushed and confirmed during the run
   */
  JournalCommitter(
      Journal journal,
      SupportsDeferredDurability.Batch remote,
      WorkspaceFlush workspace,
      RunCounters counters,
      Duration interval,
      Optional<String> scope,
      Duration confirmEvery) {
    this.journal = requireNonNull(journal, "journal is null");
    this.remote = requireNonNull(remote, "remote is null");
    this.workspace = requireNonNull(workspace, "workspace is null");
    this.counters = requireNonNull(counters, "counters is null");
    this.intervalNanos = interval.toNanos();
    this.scope = requireNonNull(scope, "scope is null");
    this.confirmNanos = confirmEvery.toNanos();
    journal.holdWrites();
    // A platform thread: a file-system flush blocks in the kernel and would pin a carrier.
    this.thread = Thread.ofPlatform().daemon().name("cloudsync-journal").start(this::loop);
  }

  /**
   * The unflushed scope of a run between {@code backend} and the workspace: both sides' scopes,
   * when both can be named and either side defers anything; empty otherwise.
   */
  static Optional<String> scopeOf(Object backend, WorkspaceFlush workspace) {
    Optional<String> remote = SupportsDeferredDurability.unflushedScope(backend);
    Optional<String> local = workspace.unflushedScope();
    if (remote.isEmpty() || local.isEmpty() || (remote.get().isEmpty() && local.get().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of("remote: " + remote.get() + "; workspace: " + local.get());
  }

  /**
   * What settling an earlier run's unconfirmed rows did.
   *
   * @param summary for the debug log
   * @param discarded the keys whose rows were discarded: what a power cut may have left of their
   *     new objects cannot be told from the objects' own records, so their content is compared
   */
  record Settled(String summary, Set<ObjectKey> discarded) {
    Settled {
      discarded = Set.copyOf(discarded);
    }
  }

  /**
   * Settles the unconfirmed rows an earlier run left, before a run plans: those of {@code scope}
   * are confirmed after a flush of both sides; the others (another boot, a disk mounted anew, a
   * confirming flush that failed), and all of them when the flush fails, are discarded, so that the
   * bases before them answer again.
   *
   * @return what was done; empty when nothing was unconfirmed
   */
  static Optional<Settled> settleEarlierRows(
      Journal journal, Object backend, WorkspaceFlush workspace, Optional<String> scope) {
    List<String> scopes = journal.unconfirmedScopes();
    if (scopes.isEmpty()) {
      return Optional.empty();
    }
    Set<ObjectKey> discarded = new HashSet<>(journal.discardUnconfirmed(scope));
    if (scope.isEmpty() || !scopes.contains(scope.get())) {
      return Optional.of(
          new Settled(
              discarded.size()
                  + " unconfirmed bases of another boot, mount or failed flush discarded",
              discarded));
    }
    try {
      SupportsDeferredDurability.syncAll(backend);
      workspace.flushAll();
    } catch (StorageException | IOException e) {
      discarded.addAll(journal.discardUnconfirmed(Optional.empty()));
      return Optional.of(
          new Settled(
              discarded.size()
                  + " unconfirmed bases discarded, the flush failed ("
                  + e.getMessage()
                  + ")",
              discarded));
    }
    int confirmed = journal.confirmUnconfirmed(scope.get());
    return Optional.of(
        new Settled(
            confirmed
                + " bases confirmed after a flush, "
                + discarded.size()
                + " of another scope discarded",
            discarded));
  }

  private void loop() {
    while (!closed) {
      LockSupport.parkNanos(this, intervalNanos);
      if (!closed) {
        commitDurable();
      }
    }
  }

  /**
   * Commits what was held: unconfirmed (and, once {@code confirmEvery} has passed, confirmed after
   * a flush of both sides) with a scope; after a flush of both sides without one.
   */
  void commitDurable() {
    synchronized (commitLock) {
      Map<ObjectKey, Optional<JournalEntry>> rows = journal.takeHeld();
      if (scope.isPresent()) {
        if (!rows.isEmpty()) {
          journal.commitUnconfirmed(rows, scope.get());
          unconfirmed += rows.size();
        }
        if (unconfirmed > 0 && System.nanoTime() - lastConfirm >= confirmNanos) {
          confirm();
        }
        return;
      }
      if (rows.isEmpty()) {
        return;
      }
      if (flushedBothSides(rows.size(), "not journaled, compared again next run")) {
        journal.commit(rows);
      } else {
        journal.dropTaken();
      }
    }
  }

  /**
   * Confirms the run's unconfirmed rows after a flush of both sides. When the flush fails, the rows
   * stay bases for the rest of the run but move to a scope no run can hold ({@link #failedScope}):
   * a later flush that succeeds may only mean the error was reported once and the data is still
   * lost, so this run never confirms them, and the next run discards them and compares the content
   * of their keys instead of trusting the remote's records (as after a restart). Discarding them
   * here would let a restart before the next run pass unnoticed.
   */
  private void confirm() {
    lastConfirm = System.nanoTime();
    int rows = unconfirmed;
    unconfirmed = 0;
    String runScope = scope.orElseThrow();
    if (flushedBothSides(rows, "not confirmed, their content compared again next run")) {
      journal.confirmUnconfirmed(runScope);
    } else {
      journal.rescopeUnconfirmed(runScope, failedScope(runScope));
    }
  }

  /** The scope of rows whose confirming flush failed: never the scope of a run. */
  static String failedScope(String scope) {
    return "the flush failed, never confirmed; was " + scope;
  }

  /**
   * Flushes the remote's deferred writes and the workspace's new files; a failure is an error of
   * the run, naming the {@code rows} completed actions and what becomes of them ({@code outcome}).
   */
  private boolean flushedBothSides(int rows, String outcome) {
    try {
      remote.sync();
      workspace.flush();
      return true;
    } catch (StorageException | IOException e) {
      counters.error(
          "flushing to stable storage failed ("
              + e.getMessage()
              + "); "
              + rows
              + " completed actions "
              + outcome);
      return false;
    }
  }

  /**
   * Stops the thread and commits the rest: unconfirmed, the batch released without a flush, with a
   * scope; after a last flush without one. Then stops holding journal writes.
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      if (scope.isPresent()) {
        synchronized (commitLock) {
          journal.commitUnconfirmed(journal.takeHeld(), scope.get());
        }
      } else {
        commitDurable();
      }
    } finally {
      try {
        if (scope.isPresent()) {
          remote.release();
        } else {
          remote.close();
        }
      } catch (StorageException e) {
        counters.error("flushing the remote failed: " + e.getMessage());
      }
      workspace.close();
      // Nothing is left after the last commit: every action had finished before close.
      journal.stopHolding();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

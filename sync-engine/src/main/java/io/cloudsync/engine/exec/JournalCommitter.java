package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsDeferredDurability;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for a run: the actions' journal rows are {@linkplain Journal#holdWrites() held}, and
 * every {@code interval} a platform thread takes them, makes the remote's deferred writes and the
 * workspace's new files durable (one flush each), then commits the rows in one transaction. A row
 * is thus never written before the data it describes is durable, and a sync of many small files
 * pays one flush and one commit per interval instead of one fsync and one commit per file.
 *
 * <p>A failed flush commits nothing of its batch and is reported as an error of the run; the next
 * run re-derives those bases by comparing content, without a transfer.
 */
final class JournalCommitter implements AutoCloseable {
  private final Journal journal;
  private final SupportsDeferredDurability.Batch remote;
  private final WorkspaceFlush workspace;
  private final RunCounters counters;
  private final long intervalNanos;
  private final Thread thread;
  private final Object commitLock = new Object();
  private volatile boolean closed;

  JournalCommitter(
      Journal journal,
      SupportsDeferredDurability.Batch remote,
      WorkspaceFlush workspace,
      RunCounters counters,
      Duration interval) {
    this.journal = requireNonNull(journal, "journal is null");
    this.remote = requireNonNull(remote, "remote is null");
    this.workspace = requireNonNull(workspace, "workspace is null");
    this.counters = requireNonNull(counters, "counters is null");
    this.intervalNanos = interval.toNanos();
    journal.holdWrites();
    // A platform thread: a file-system flush blocks in the kernel and would pin a carrier.
    this.thread = Thread.ofPlatform().daemon().name("cloudsync-journal").start(this::loop);
  }

  private void loop() {
    while (!closed) {
      LockSupport.parkNanos(this, intervalNanos);
      if (!closed) {
        commitDurable();
      }
    }
  }

  /** Flushes both sides and commits what was held before the flush began. */
  void commitDurable() {
    synchronized (commitLock) {
      Map<ObjectKey, Optional<JournalEntry>> rows = journal.takeHeld();
      if (rows.isEmpty()) {
        return;
      }
      try {
        remote.sync();
        workspace.flush();
      } catch (StorageException | IOException e) {
        journal.dropTaken();
        counters.error(
            "flushing to stable storage failed ("
                + e.getMessage()
                + "); "
                + rows.size()
                + " completed actions not journaled, compared again next run");
        return;
      }
      journal.commit(rows);
    }
  }

  /** Stops the thread, commits the rest (after a last flush) and stops holding journal writes. */
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
      commitDurable();
    } finally {
      try {
        remote.close();
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

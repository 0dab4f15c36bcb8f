package io.cloudsync.adapter.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the folder syncs that make renames durable. A sync of a folder that starts after
 * a rename into it has completed covers that rename, so writers renaming into one folder at the
 * same time share one fsync instead of queueing one each. A writer counts its rename with {@link
 * #renamed} and then waits with {@link Ticket#awaitDurable()}: it returns at once when a sync that
 * started after its rename has finished, and otherwise runs one, covering everyone counted so far.
 */
final class DirectorySyncs {
  private final ConcurrentHashMap<Path, Folder> folders = new ConcurrentHashMap<>();
  private final Flushes flushes;

  DirectorySyncs(Flushes flushes) {
    this.flushes = flushes;
  }

  /** A rename waiting to be made durable. */
  interface Ticket {
    /** Returns once the rename is durable: a sync of its folder that started after it finished. */
    void awaitDurable() throws IOException;
  }

  /** Counts a rename into {@code dir} that has completed; the ticket waits for its sync. */
  Ticket renamed(Path dir) {
    Folder folder = folders.computeIfAbsent(dir, Folder::new);
    long number = folder.renames.incrementAndGet();
    return () -> folder.awaitSynced(number);
  }

  /** How many folders have renames not yet known to be durable (for tests). */
  int pending() {
    return folders.size();
  }

  private final class Folder {
    private final Path dir;
    private final AtomicLong renames = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long synced;

    Folder(Path dir) {
      this.dir = dir;
    }

    void awaitSynced(long number) throws IOException {
      if (synced >= number) {
        return;
      }
      lock.lock();
      try {
        if (synced >= number) {
          return;
        }
        // Every rename counted now has completed, so the sync below covers all of them.
        long covered = renames.get();
        flushes.forceFolder(dir);
        synced = covered;
        if (covered == renames.get()) {
          // Idle: forget the folder. A writer still holding it syncs it again if it must.
          folders.remove(dir, this);
        }
      } finally {
        lock.unlock();
      }
    }
  }
}

package io.cloudsync.adapter.local;

import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.SupportsDeferredDurability.Batch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When the backend's changes reach stable storage. Outside a batch every file and folder change is
 * flushed before the operation returns, as ever. While a batch is open ({@link #openBatch}) the
 * flushes are skipped and counted instead, and {@link #sync()} makes all of them durable with one
 * file-system flush per file system the root spans ({@link MountPoints}: normally just the root's).
 *
 * <p>Every skipped flush is counted after the change it would have flushed, and a file-system flush
 * covers the changes counted before it started; so a {@code sync()} covers every operation that
 * returned before it was called, and concurrent callers share one flush when it started after their
 * call (group commit, as {@link DirectorySyncs} does for folders). An operation that skipped a
 * flush while a batch was open but finds none open when it ends calls {@link #settle()}, which
 * syncs before it returns: closing the last batch turns writes back into durable-on-return.
 */
final class Durability {
  private final KeyPaths paths;
  private final Flushes flushes;
  private final DirectorySyncs directorySyncs;
  private final AtomicInteger openBatches = new AtomicInteger();
  private final AtomicLong deferred = new AtomicLong();
  private final ReentrantLock flushing = new ReentrantLock();
  // The file systems held open while batches are: a flush through a handle opened when the batch
  // began also reports a write-back failure that happened between two flushes. Guarded by flushing.
  private final Map<Path, FileSystemFlush.Handle> handles = new HashMap<>();
  private volatile long flushed;

  Durability(KeyPaths paths, Flushes flushes) {
    this.paths = paths;
    this.flushes = flushes;
    this.directorySyncs = new DirectorySyncs(flushes);
  }

  /**
   * Opens a batch, or returns {@link Batch#NONE} when this machine cannot flush a file system at
   * once.
   */
  Batch openBatch() {
    if (!flushes.canFlushFileSystems()) {
      return Batch.NONE;
    }
    openBatches.incrementAndGet();
    flushing.lock();
    try {
      for (Path fileSystem : MountPoints.spannedBy(paths.realRoot())) {
        handle(fileSystem);
      }
    } catch (IOException | RuntimeException e) {
      // No root yet, or it cannot be opened now: the first sync opens it, or says why it cannot.
    } finally {
      flushing.unlock();
    }
    return new OpenBatch();
  }

  /** See {@link LocalStorageBackend#unflushedScope()}. */
  Optional<String> unflushedScope() {
    if (!flushes.canFlushFileSystems()) {
      return Optional.of("");
    }
    try {
      return flushes.unflushedScope(MountPoints.spannedBy(paths.realRoot()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no root yet: nothing written under any scope
    }
  }

  /**
   * Flushes every file system the root spans, whatever it holds and whoever wrote it: the writes of
   * an earlier process that returned without a flush included. A handle opened now still reports a
   * write-back failure that nobody has been told of yet.
   *
   * @throws LocalIoException when a file system reports a failure to flush
   */
  void syncAll() {
    // Without file-system flushes every write was durable on return.
    if (flushes.canFlushFileSystems()) {
      flush(true);
    }
  }

  private FileSystemFlush.Handle handle(Path fileSystem) throws IOException {
    FileSystemFlush.Handle handle = handles.get(fileSystem);
    if (handle == null) {
      handle = flushes.openFileSystem(fileSystem);
      handles.put(fileSystem, handle);
    }
    return handle;
  }

  /** Closes the held file systems once no batch is open (an operation settling after the last). */
  private void releaseIfIdle() {
    flushing.lock();
    try {
      if (openBatches.get() == 0) {
        handles.values().forEach(FileSystemFlush.Handle::close);
        handles.clear();
      }
    } finally {
      flushing.unlock();
    }
  }

  /** Flushes an open file that was just written, or counts it while a batch is open. */
  void forceFile(FileChannel channel) throws IOException {
    forceFile(channel, true);
  }

  /**
   * Flushes the content of a temp file about to be renamed over its target; while a batch is open,
   * only when {@code creates} says the rename cannot replace an object. Replacing content stays
   * fsynced before the rename even in a batch, so a power cut can never leave a torn file where an
   * intact object was: only new objects wait for the batch's flush.
   */
  void forceFile(FileChannel channel, boolean creates) throws IOException {
    if (openBatches.get() > 0 && creates) {
      deferred.incrementAndGet();
    } else {
      flushes.forceFile(channel);
    }
  }

  /** Flushes a folder whose entries just changed, or counts it while a batch is open. */
  void forceFolder(Path dir) throws IOException {
    if (openBatches.get() > 0) {
      deferred.incrementAndGet();
    } else {
      flushes.forceFolder(dir);
    }
  }

  /**
   * Counts a rename into {@code dir} that has completed; the ticket returns once it is durable
   * (outside a batch: a folder sync shared with other writers into the folder; in a batch: at once,
   * the next {@link #sync()} covering it).
   */
  DirectorySyncs.Ticket renamed(Path dir) {
    if (openBatches.get() > 0) {
      deferred.incrementAndGet();
      return () -> {};
    }
    return directorySyncs.renamed(dir);
  }

  /**
   * Ends an operation: when it skipped flushes in a batch that has closed since, syncs them now, so
   * that outside a batch every operation is durable when it returns.
   *
   * @throws LocalIoException when the flush fails
   */
  void settle() {
    if (openBatches.get() == 0 && flushed < deferred.get()) {
      sync();
    }
  }

  /**
   * Makes every change counted before this call durable; returns at once when none is pending.
   *
   * @throws LocalIoException when a file system reports a failure to flush
   */
  void sync() {
    flush(false);
  }

  /** Flushes the file systems the root spans: always, or only when a counted change is pending. */
  private void flush(boolean everything) {
    long target = deferred.get();
    if (!everything && flushed >= target) {
      return;
    }
    flushing.lock();
    try {
      if (!everything && flushed >= target) {
        return; // a flush that started after this call covered it
      }
      // Every change counted now has completed, so the flushes below cover all of them.
      long covered = deferred.get();
      Path realRoot = paths.realRoot();
      for (Path fileSystem : MountPoints.spannedBy(realRoot)) {
        // A file system mounted inside the root that this process cannot open holds nothing it
        // wrote; the root's own is always flushed.
        if (fileSystem.equals(realRoot) || Files.isReadable(fileSystem)) {
          handle(fileSystem).flush();
        }
      }
      flushed = covered;
    } catch (IOException e) {
      throw flushFailed(e);
    } finally {
      flushing.unlock();
      releaseIfIdle();
    }
  }

  private LocalIoException flushFailed(IOException e) {
    return new LocalIoException(
        paths.root().toString(),
        "cannot flush the written files to disk: "
            + DurableFiles.reason(e)
            + "; files written since the last flush may not survive a power cut: check the"
            + " disk, then run the sync again",
        e);
  }

  private final class OpenBatch implements Batch {
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void sync() {
      Durability.this.sync();
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        // Closed first: an operation still running finds no batch open when it ends and settles.
        openBatches.decrementAndGet();
        try {
          Durability.this.sync();
        } finally {
          releaseIfIdle();
        }
      }
    }

    @Override
    public void release() {
      if (closed.compareAndSet(false, true)) {
        openBatches.decrementAndGet();
        releaseIfIdle();
      }
    }
  }
}

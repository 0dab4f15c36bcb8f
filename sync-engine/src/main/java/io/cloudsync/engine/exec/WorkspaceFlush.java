package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.io.FileSystemFlush;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How files the sync creates in the workspace become durable. Where the whole file system can be
 * flushed at once ({@link FileSystemFlush}), a new file is not fsynced on its own: the run's
 * committer {@linkplain #flush() flushes} the workspace's file system before it journals the
 * downloads. A file that replaces another is always fsynced before the rename, so a power cut can
 * never leave a torn file where an intact one was.
 */
final class WorkspaceFlush implements AutoCloseable {
  // Held open for the run: a flush through it also reports a write-back failure that happened in
  // the background since the run began. Empty when flushing file by file.
  private final Optional<FileSystemFlush.Handle> handle;
  private final Path root;
  private final AtomicLong written = new AtomicLong();
  private long flushed;

  private WorkspaceFlush(Path root, Optional<FileSystemFlush.Handle> handle) {
    this.root = root;
    this.handle = handle;
  }

  /**
   * Batched where the platform can flush a file system (the workspace's is opened now, before the
   * run writes anything), else file by file.
   */
  static WorkspaceFlush of(Path root) {
    requireNonNull(root, "root is null");
    if (FileSystemFlush.available()) {
      try {
        return new WorkspaceFlush(root, Optional.of(FileSystemFlush.open(root)));
      } catch (IOException e) {
        // The workspace was checked writable; if it cannot be opened now, sync file by file.
      }
    }
    return fileByFile(root);
  }

  /** Every file fsynced on its own, as without a file-system flush. */
  static WorkspaceFlush fileByFile(Path root) {
    requireNonNull(root, "root is null");
    return new WorkspaceFlush(root, Optional.empty());
  }

  /**
   * Makes the content of {@code channel} (a temp file about to be renamed into place) durable
   * before the rename, or leaves it to the next {@link #flush()} when the rename creates a new file
   * and flushes are batched.
   *
   * @param createsFile whether the rename creates the target (nothing is there to be lost)
   */
  void beforeRename(FileChannel channel, boolean createsFile) throws IOException {
    if (handle.isPresent() && createsFile) {
      written.incrementAndGet();
    } else {
      channel.force(true);
    }
  }

  /** Makes every new file whose {@link #beforeRename} returned before this call durable. */
  synchronized void flush() throws IOException {
    long upTo = written.get();
    if (upTo == flushed) {
      return;
    }
    handle.orElseThrow().flush();
    flushed = upTo;
  }

  /**
   * Flushes the workspace's file system whatever this run wrote: new files an earlier run left to
   * be written back included. Nothing to do when flushing file by file.
   */
  synchronized void flushAll() throws IOException {
    if (handle.isPresent()) {
      handle.get().flush();
      flushed = written.get();
    }
  }

  /**
   * The state the workspace's unflushed new files wait in ({@link FileSystemFlush#unflushedScope});
   * {@code ""} when every file is fsynced before its rename.
   */
  Optional<String> unflushedScope() {
    return handle.isPresent() ? FileSystemFlush.unflushedScope(List.of(root)) : Optional.of("");
  }

  /** Releases the workspace's file system; flush first. */
  @Override
  public void close() {
    handle.ifPresent(FileSystemFlush.Handle::close);
  }
}

package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.io.FileSystemFlush;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How files the sync creates in the workspace become durable. Where the whole file system can be
 * flushed at once ({@link FileSystemFlush}), a new file is not fsynced on its own: the run's
 * committer {@linkplain #flush() flushes} the workspace's file system before it journals the
 * downloads. A file that replaces another is always fsynced before the rename, so a power cut can
 * never leave a torn file where an intact one was.
 */
final class WorkspaceFlush {
  private final Path root;
  private final boolean batched;
  private final AtomicLong written = new AtomicLong();
  private long flushed;

  private WorkspaceFlush(Path root, boolean batched) {
    this.root = requireNonNull(root, "root is null");
    this.batched = batched;
  }

  /** Batched where the platform can flush a file system, else file by file. */
  static WorkspaceFlush of(Path root) {
    return new WorkspaceFlush(root, FileSystemFlush.available());
  }

  /** Every file fsynced on its own, as without a file-system flush. */
  static WorkspaceFlush fileByFile(Path root) {
    return new WorkspaceFlush(root, false);
  }

  /**
   * Makes the content of {@code channel} (a temp file about to be renamed into place) durable
   * before the rename, or leaves it to the next {@link #flush()} when the rename creates a new file
   * and flushes are batched.
   *
   * @param createsFile whether the rename creates the target (nothing is there to be lost)
   */
  void beforeRename(FileChannel channel, boolean createsFile) throws IOException {
    if (batched && createsFile) {
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
    FileSystemFlush.flush(root);
    flushed = upTo;
  }
}

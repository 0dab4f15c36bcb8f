package io.cloudsync.adapter.local;

import io.cloudsync.core.io.FileSystemFlush;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Flushes} that count what the backend asks for. Files and folders are really synced (cheap
 * on a test's temp folder); file-system flushes are only recorded, each, on request, with the files
 * visible under the root when it started: those are what a real flush would have covered.
 */
final class CountingFlushes implements Flushes {
  final AtomicInteger files = new AtomicInteger();
  final AtomicInteger folders = new AtomicInteger();
  final List<Path> fileSystems = new CopyOnWriteArrayList<>();
  final List<Set<Path>> covered = new CopyOnWriteArrayList<>();
  private volatile boolean snapshots;
  private final boolean canFlush;
  private volatile IOException failure;

  CountingFlushes(boolean canFlush) {
    this.canFlush = canFlush;
  }

  /** Records, for each later file-system flush, the files it covers. */
  void recordCovered() {
    snapshots = true;
  }

  /** Makes every later file-system flush fail with {@code e}. */
  void failWith(IOException e) {
    failure = e;
  }

  @Override
  public void forceFile(FileChannel channel) throws IOException {
    files.incrementAndGet();
    channel.force(true);
  }

  @Override
  public void forceFolder(Path dir) throws IOException {
    folders.incrementAndGet();
    DurableFiles.fsyncDirectory(dir);
  }

  @Override
  public boolean canFlushFileSystems() {
    return canFlush;
  }

  /** Handles opened, and those closed since. */
  final AtomicInteger opened = new AtomicInteger();

  final AtomicInteger closed = new AtomicInteger();

  @Override
  public FileSystemFlush.Handle openFileSystem(Path onIt) {
    opened.incrementAndGet();
    return new FileSystemFlush.Handle() {
      private boolean done;

      @Override
      public void flush() throws IOException {
        if (done) {
          throw new IllegalStateException(onIt + ": flushed after close");
        }
        flushFileSystem(onIt);
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          closed.incrementAndGet();
        }
      }
    };
  }

  private void flushFileSystem(Path onIt) throws IOException {
    if (failure != null) {
      throw failure;
    }
    fileSystems.add(onIt);
    if (snapshots) {
      // Other threads keep writing: a temp file seen in a folder may be renamed before it is
      // visited. Only files in place when the flush started matter, so the walk skips vanished
      // ones.
      Set<Path> present = new HashSet<>();
      Files.walkFileTree(
          onIt,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                present.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
      covered.add(present);
    }
  }

  /** What {@link #unflushedScope} answers: the file systems asked about, after this prefix. */
  volatile Optional<String> scopePrefix = Optional.of("boot test mounts of");

  @Override
  public Optional<String> unflushedScope(Collection<Path> fileSystems) {
    return scopePrefix.map(prefix -> prefix + " " + fileSystems);
  }

  int perObjectSyncs() {
    return files.get() + folders.get();
  }
}

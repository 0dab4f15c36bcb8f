package io.cloudsync.adapter.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  @Override
  public void flushFileSystem(Path onIt) throws IOException {
    if (failure != null) {
      throw failure;
    }
    fileSystems.add(onIt);
    if (snapshots) {
      try (Stream<Path> files = Files.walk(onIt)) {
        covered.add(files.filter(Files::isRegularFile).collect(Collectors.toSet()));
      }
    }
  }

  int perObjectSyncs() {
    return files.get() + folders.get();
  }
}

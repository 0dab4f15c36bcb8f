package io.cloudsync.adapter.local;

import io.cloudsync.core.ObjectKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive per-key locks that hold across threads and processes. A key maps to one of {@value
 * #STRIPES} lock files under {@code <root>/.cloudsync-store/locks/}; the holder takes an in-process
 * lock first, then {@link FileChannel#lock()} on the file. The in-process lock matters twice: the
 * JVM refuses overlapping file locks from two of its own threads, and on POSIX systems closing any
 * channel to a file drops every lock this process holds on it, so only one thread at a time may
 * have a lock file open.
 */
final class KeyLocks {
  static final int STRIPES = 256;

  private static final ReentrantLock[] IN_PROCESS = new ReentrantLock[4096];

  static {
    for (int i = 0; i < IN_PROCESS.length; i++) {
      IN_PROCESS[i] = new ReentrantLock();
    }
  }

  /** Work done while holding a key's lock. */
  @FunctionalInterface
  interface LockedAction<T> {
    T run() throws IOException;
  }

  private final Path lockDir;
  private volatile boolean dirReady;

  /**
   * @param lockDir the lock folder, spelled from the root's real path so that two spellings of one
   *     root share their in-process locks
   */
  KeyLocks(Path lockDir) {
    this.lockDir = lockDir;
  }

  /** Runs {@code action} while holding the lock of {@code key}. */
  <T> T withLock(ObjectKey key, LockedAction<T> action) throws IOException {
    // String.hashCode is specified, so every process picks the same stripe for a key.
    int stripe = Math.floorMod(key.value().hashCode(), STRIPES);
    Path lockFile = lockDir.resolve("%02x.lock".formatted(stripe));
    ReentrantLock local = IN_PROCESS[Math.floorMod(lockFile.toString().hashCode(), 4096)];
    local.lock();
    try {
      try (FileChannel channel = open(lockFile);
          FileLock lock = channel.lock()) {
        return action.run();
      }
    } finally {
      local.unlock();
    }
  }

  private FileChannel open(Path lockFile) throws IOException {
    if (!dirReady) {
      Files.createDirectories(lockDir);
      dirReady = true;
    }
    try {
      return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      // The lock folder was removed behind our back: make it again.
      Files.createDirectories(lockDir);
      return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
  }
}

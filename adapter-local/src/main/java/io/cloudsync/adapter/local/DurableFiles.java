package io.cloudsync.adapter.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomic file replacement (temp file beside the target, fsync, rename, fsync folder) and the
 * plumbing around it.
 */
final class DurableFiles {
  /** Prefix of files being written; reserved, so no key can name one and listings skip them. */
  static final String TEMP_PREFIX = ".cloudsync-tmp-";

  // 64 random bits per process, then a counter: unique without a trip to the system's random
  // source (and its lock) for every temp file and generation, as a fresh SecureRandom draw took.
  private static final long PROCESS = new SecureRandom().nextLong();
  private static final AtomicLong NEXT = new AtomicLong(new SecureRandom().nextLong());
  private static final AtomicLong NEXT_GENERATION = new AtomicLong(new SecureRandom().nextLong());

  private DurableFiles() {}

  /**
   * A fresh identifier of 128 bits, as 32 hex digits: this process's random half, then a counter.
   * Never repeated by this process; another process repeats it only if it drew the same 64 random
   * bits.
   */
  static String randomId() {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits(PROCESS) + hex.toHexDigits(NEXT.getAndIncrement());
  }

  /**
   * A fresh generation (version token) of 64 bits, as 16 hex digits: a counter from a random start,
   * through a bijective mix (SplittableRandom's), so that it never repeats within this process and
   * looks random across processes; two writes of one key by two processes share a generation with a
   * chance of one in 2^64. Eight bytes keep the record small enough for the inode (see {@link
   * Sidecar#encodeAttribute}).
   */
  static String generation() {
    long z = NEXT_GENERATION.getAndIncrement();
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return HexFormat.of().toHexDigits(z ^ (z >>> 31));
  }

  /** A name for a temp file in the same folder as {@code target}, so a rename can be atomic. */
  static Path tempBeside(Path target) {
    return target.resolveSibling(TEMP_PREFIX + randomId());
  }

  /**
   * Replaces {@code target} with {@code bytes} atomically, and durably as {@code durability} says.
   */
  static void writeAtomically(Path target, byte[] bytes, Durability durability) throws IOException {
    Path temp = tempBeside(target);
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        durability.forceFile(out);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      durability.forceFolder(target.getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Flushes a folder's entries (new names, renames, removals) to disk. Without it a rename may be
   * lost in a power cut even though the file's bytes were synced.
   */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (AccessDeniedException e) {
      // Some platforms refuse to open a folder for reading; the rename itself is still atomic.
    }
  }

  /** Deletes {@code file} if it exists, ignoring failures: used for cleanup on error paths. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temp file is invisible to listings; the original error matters more.
    }
  }

  /** What went wrong, in words a user can act on. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied (is the folder read-only?)";
    }
    if (e instanceof FileAlreadyExistsException taken) {
      return "a file is in the way: " + taken.getFile();
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder: " + missing.getFile();
    }
    String text =
        e instanceof FileSystemException fse && fse.getReason() != null
            ? fse.getReason()
            : e.getMessage();
    if (text == null) {
      return e.getClass().getSimpleName();
    }
    if (text.contains("No space left")) {
      return "the disk is full (no space left on device)";
    }
    if (text.contains("Read-only file system")) {
      return "the file system is read-only";
    }
    if (text.contains("Operation not permitted")) {
      return "operation not permitted (is the folder read-only or immutable?)";
    }
    return text;
  }
}

package io.cloudsync.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Flushes a whole file system to stable storage in one call (Linux {@code syncfs(2)}), so that a
 * batch of files written without an fsync each becomes durable at once: the way {@code git}'s
 * {@code core.fsyncMethod=batch} and databases' group commit avoid one disk flush per file.
 *
 * <p>Available on Linux with Java 22 or newer when native access is enabled for this code ({@code
 * --enable-native-access=ALL-UNNAMED}, as the {@code cloudsync} launcher passes). Elsewhere {@link
 * #available()} is false and callers fsync file by file, as before; nothing prints a warning.
 */
public final class FileSystemFlush {

  /** Opens file systems for flushing. */
  interface Flusher {
    Handle open(Path onFileSystem) throws IOException;

    /** The unique id of the mount holding {@code path} (Linux 6.8+), empty where there is none. */
    OptionalLong uniqueMountId(Path path);

    /**
     * {@code posix_fadvise(POSIX_FADV_DONTNEED)} on {@code length} bytes of {@code file} from
     * {@code offset} (0: to its end); best effort.
     */
    void dropCachedPages(Path file, long offset, long length);
  }

  /**
   * A file system held open for flushing. A flush reports every write-back failure on that file
   * system since the handle was opened (Linux 5.8 and later), so a caller that opens one before it
   * starts writing, and flushes through it, learns of a failure that happened in the background
   * between two flushes. Each failure is reported once per handle.
   */
  public interface Handle extends AutoCloseable {
    /**
     * Makes every write made so far to the file system durable; blocks until the device confirms.
     *
     * @throws IOException when the device reported a failure since the last flush (or the open)
     */
    void flush() throws IOException;

    /** Releases the handle; a second call does nothing. */
    @Override
    void close();
  }

  private static final Flusher FLUSHER = load();

  private FileSystemFlush() {}

  /**
   * Asks the kernel to drop the cached pages of {@code file} ({@code posix_fadvise} with {@code
   * POSIX_FADV_DONTNEED}), for a file read for the last time. A first sync reads every file of a
   * workspace once: kept cached, those pages would push out of memory what the machine was using,
   * and the copies' own pages would need memory besides. rclone drops the pages of what it reads
   * the same way. Only clean pages go; pages still waiting for write-back are started on their way
   * and stay. Does nothing where the call is not available or fails: the pages then stay cached.
   */
  public static void dropCachedPages(Path file) {
    dropCachedPages(file, 0, 0);
  }

  /**
   * {@link #dropCachedPages(Path)} for the {@code length} bytes of {@code file} from {@code offset}
   * (a {@code length} of 0: to the end of the file), for a file read from start to end: the pages
   * of what has been read go while the rest is being read.
   */
  public static void dropCachedPages(Path file, long offset, long length) {
    if (FLUSHER != null) {
      FLUSHER.dropCachedPages(file, offset, length);
    }
  }

  /** Whether {@link #open} can be used here. */
  public static boolean available() {
    return FLUSHER != null;
  }

  /**
   * Opens the file system holding {@code path} for flushing, from now on: see {@link Handle}.
   *
   * @param path an existing file or folder on that file system
   * @throws IOException when the path cannot be opened, naming it
   * @throws IllegalStateException when {@link #available()} is false
   */
  public static Handle open(Path path) throws IOException {
    if (FLUSHER == null) {
      throw new IllegalStateException("syncfs is not available on this platform");
    }
    return FLUSHER.open(path);
  }

  /**
   * Names the state in which unflushed writes to the file systems holding {@code paths} wait for
   * write-back: this boot of the machine, and each file system's mount by its unique id (Linux 6.8
   * and later). While the name stays the same, every write that returned can be read back, flushed
   * or not: only a restart (a crash of the machine, a power cut) or a file system mounted anew (a
   * disk pulled out and put back) can lose an unflushed write, and each changes the name. Empty
   * where it cannot be named (no {@link #available() syncfs}, no boot id, an older kernel): callers
   * then flush before they rely on a write.
   */
  public static Optional<String> unflushedScope(Collection<Path> paths) {
    if (FLUSHER == null || paths.isEmpty()) {
      return Optional.empty();
    }
    String boot;
    try {
      boot = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (boot.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<Long> mounts = new TreeSet<>();
    for (Path path : paths) {
      OptionalLong mount = FLUSHER.uniqueMountId(path);
      if (mount.isEmpty()) {
        return Optional.empty();
      }
      mounts.add(mount.getAsLong());
    }
    StringBuilder name = new StringBuilder("boot ").append(boot).append(" mounts");
    String separator = " ";
    for (long mount : mounts) {
      name.append(separator).append(mount);
      separator = ",";
    }
    return Optional.of(name.toString());
  }

  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private static Flusher load() {
    if (!NativeAccess.linuxWithForeignFunctions()) {
      return null;
    }
    try {
      // Compiled for Java 22 (the foreign function API) and only loaded on 22 or newer.
      Class<?> syncfs = Class.forName("io.cloudsync.core.io.Syncfs");
      return (Flusher) syncfs.getDeclaredMethod("load").invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}

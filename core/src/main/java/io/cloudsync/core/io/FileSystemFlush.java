package io.cloudsync.core.io;

import java.io.IOException;
import java.nio.file.Path;

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

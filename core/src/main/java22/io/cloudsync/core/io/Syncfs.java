package io.cloudsync.core.io;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code syncfs(2)}, {@code statx(2)} for a mount's unique id, and {@code posix_fadvise(2)} to drop
 * a file's cached pages, through the foreign function API (Java 22+, Linux).
 */
@SuppressWarnings("restricted")
final class Syncfs implements FileSystemFlush.Flusher {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int AT_FDCWD = -100;
  private static final int POSIX_FADV_DONTNEED = 4;
  private static final int STATX_MNT_ID_UNIQUE = 0x4000;
  // struct statx: stx_mask at 0, stx_mnt_id at 144; the kernel fills at most 256 bytes.
  private static final long STATX_SIZE = 256;
  private static final long STX_MNT_ID = 144;

  private final MethodHandle open;
  private final MethodHandle syncfs;
  private final MethodHandle close;
  private final MethodHandle fadvise;
  private final MethodHandle statx; // null where the C library lacks it (glibc before 2.28)
  private final StructLayout stateLayout;
  private final VarHandle errno;

  private Syncfs(Linker linker, SymbolLookup libc) {
    Linker.Option errnoState = Linker.Option.captureCallState("errno");
    this.stateLayout = Linker.Option.captureStateLayout();
    this.errno = stateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    this.open =
        linker.downcallHandle(
            libc.find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            errnoState,
            Linker.Option.firstVariadicArg(2));
    this.syncfs =
        linker.downcallHandle(
            libc.find("syncfs").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT), errnoState);
    this.close =
        linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    this.fadvise =
        linker.downcallHandle(
            libc.find("posix_fadvise").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    this.statx =
        libc.find("statx")
            .map(
                symbol ->
                    linker.downcallHandle(
                        symbol,
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS)))
            .orElse(null);
  }

  /** Links the calls; called reflectively by {@link FileSystemFlush}. */
  static FileSystemFlush.Flusher load() {
    Linker linker = Linker.nativeLinker();
    return new Syncfs(linker, linker.defaultLookup());
  }

  @Override
  public FileSystemFlush.Handle open(Path onFileSystem) throws IOException {
    int fd;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom(onFileSystem.toString());
      MemorySegment state = arena.allocate(stateLayout);
      fd = (int) open.invokeExact(state, path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0) {
        throw new IOException(
            onFileSystem + ": cannot open to flush its file system (errno " + errno(state) + ")");
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(onFileSystem + ": cannot open to flush its file system: " + t, t);
    }
    return new OpenFileSystem(onFileSystem, fd);
  }

  @Override
  public void dropCachedPages(Path file, long offset, long length) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom(file.toString());
      MemorySegment state = arena.allocate(stateLayout);
      int fd = (int) open.invokeExact(state, path, O_RDONLY | O_CLOEXEC, 0);
      if (fd >= 0) {
        int ignored = (int) fadvise.invokeExact(fd, offset, length, POSIX_FADV_DONTNEED);
        ignored = (int) close.invokeExact(fd);
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      // Advice only: the pages stay cached.
    }
  }

  @Override
  public OptionalLong uniqueMountId(Path path) {
    if (statx == null) {
      return OptionalLong.empty();
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment name = arena.allocateFrom(path.toString());
      MemorySegment buffer = arena.allocate(STATX_SIZE, 8);
      int rc = (int) statx.invokeExact(AT_FDCWD, name, 0, STATX_MNT_ID_UNIQUE, buffer);
      // Kernels before 6.8 answer without the flag in stx_mask: their mount ids are reused.
      if (rc != 0 || (buffer.get(JAVA_INT, 0) & STATX_MNT_ID_UNIQUE) == 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(buffer.get(JAVA_LONG, STX_MNT_ID));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      return OptionalLong.empty();
    }
  }

  private final class OpenFileSystem implements FileSystemFlush.Handle {
    private final Path path;
    private final int fd;
    private boolean closed;

    OpenFileSystem(Path path, int fd) {
      this.path = path;
      this.fd = fd;
    }

    @Override
    public synchronized void flush() throws IOException {
      if (closed) {
        throw new IllegalStateException(path + ": flushed after close");
      }
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment state = arena.allocate(stateLayout);
        if ((int) syncfs.invokeExact(state, fd) != 0) {
          throw new IOException(
              path + ": flushing its file system failed (errno " + errno(state) + ")");
        }
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IOException(path + ": flushing its file system failed: " + t, t);
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        try {
          int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
          // Nothing to save: the descriptor is gone either way.
        }
      }
    }
  }

  private int errno(MemorySegment state) {
    return (int) errno.get(state, 0L);
  }
}

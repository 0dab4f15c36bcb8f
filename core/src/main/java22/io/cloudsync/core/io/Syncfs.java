package io.cloudsync.core.io;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

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

/** {@code syncfs(2)} through the foreign function API (Java 22+, Linux). */
@SuppressWarnings("restricted")
final class Syncfs implements FileSystemFlush.Flusher {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;

  private final MethodHandle open;
  private final MethodHandle syncfs;
  private final MethodHandle close;
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
  }

  /** Links the three calls; called reflectively by {@link FileSystemFlush}. */
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

package io.cloudsync.engine.exec;

import io.cloudsync.core.io.FileSystemFlush;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads a file from its start and drops the cached pages of what it has read every {@value #STEP}
 * bytes, and of the whole file once closed (see {@link FileSystemFlush#dropCachedPages(Path)}): the
 * pages an upload has sent go while the rest is being read, and the memory they held is used again
 * at once, for the next pages read or written, instead of memory not touched before.
 */
final class PageDroppingInputStream extends ReadObservingInputStream {
  static final long STEP = 4L << 20;

  private final Path file;
  private long position;
  private long dropped;

  PageDroppingInputStream(InputStream fromStart, Path file) {
    super(fromStart);
    this.file = file;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    position += skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      FileSystemFlush.dropCachedPages(file);
    }
  }

  @Override
  void bytesRead(int n) {
    position += n;
    if (position - dropped >= STEP) {
      FileSystemFlush.dropCachedPages(file, dropped, position - dropped);
      dropped = position;
    }
  }
}

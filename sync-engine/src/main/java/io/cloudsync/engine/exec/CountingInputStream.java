package io.cloudsync.engine.exec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells the listener about bytes as they pass. */
final class CountingInputStream extends FilterInputStream {
  private final SyncListener listener;

  CountingInputStream(InputStream in, SyncListener listener) {
    super(in);
    this.listener = listener;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      listener.transferred(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      listener.transferred(n);
    }
    return n;
  }
}

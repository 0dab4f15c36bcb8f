package io.cloudsync.engine.exec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through and is told, after each read, how many passed. */
abstract class ReadObservingInputStream extends FilterInputStream {

  ReadObservingInputStream(InputStream in) {
    super(in);
  }

  /** {@code n} more bytes (at least one) were read. */
  abstract void bytesRead(int n);

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      bytesRead(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      bytesRead(n);
    }
    return n;
  }
}

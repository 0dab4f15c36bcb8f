package io.cloudsync.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes {@code cut} bytes through, then fails as a connection reset by the peer would. */
final class TruncatingInputStream extends FilterInputStream {
  private final long cut;
  private final Runnable onCut;
  private long passed;
  private boolean reported;

  TruncatingInputStream(InputStream in, long cut, Runnable onCut) {
    super(in);
    this.cut = cut;
    this.onCut = onCut;
  }

  @Override
  public int read() throws IOException {
    failIfCut();
    int b = in.read();
    if (b >= 0) {
      passed++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    failIfCut();
    int n = in.read(buffer, offset, (int) Math.min(length, cut - passed));
    if (n > 0) {
      passed += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    failIfCut();
    long skipped = in.skip(Math.min(n, cut - passed));
    passed += Math.max(0, skipped);
    return skipped;
  }

  private void failIfCut() throws IOException {
    if (passed >= cut) {
      if (!reported) {
        reported = true;
        onCut.run();
      }
      throw new IOException("Connection reset after " + passed + " bytes (injected)");
    }
  }
}

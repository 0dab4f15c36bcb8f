package io.cloudsync.engine.resilience;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose bytes pass through a {@link BandwidthLimiter}. Each read asks for at most one
 * chunk of the limiter's budget and pays for the bytes it actually got, so a short read never holds
 * budget another transfer could use. Closing it closes the wrapped stream.
 */
public final class ThrottledInputStream extends FilterInputStream {
  private final BandwidthLimiter limiter;

  /** Wraps {@code in}; with an unlimited limiter the stream reads at full speed. */
  public ThrottledInputStream(InputStream in, BandwidthLimiter limiter) {
    super(requireNonNull(in, "in is null"));
    this.limiter = requireNonNull(limiter, "limiter is null");
  }

  /**
   * {@code in} throttled by {@code limiter}, or {@code in} itself when the limiter is unlimited.
   */
  public static InputStream wrap(InputStream in, BandwidthLimiter limiter) {
    return limiter.isUnlimited() ? in : new ThrottledInputStream(in, limiter);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      limiter.acquire(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    int n = in.read(buffer, off, Math.min(len, limiter.chunkSize()));
    if (n > 0) {
      limiter.acquire(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, limiter.chunkSize()));
    if (skipped > 0) {
      limiter.acquire(skipped);
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    // A reset would replay bytes already paid for; keep the accounting simple and honest.
    return false;
  }

  @Override
  public synchronized void mark(int readLimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }
}

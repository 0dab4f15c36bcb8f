package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * An input stream that digests every byte read through it and counts them. The hash is only
 * meaningful once the stream has been read to its end.
 */
public final class HashingInputStream extends FilterInputStream {
  private final MessageDigest digest;
  private long count;

  HashingInputStream(InputStream in, MessageDigest digest) {
    super(requireNonNull(in, "in is null"));
    this.digest = requireNonNull(digest, "digest is null");
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would be missing from the digest: read them instead.
    byte[] buffer = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported while hashing");
  }

  /** How many bytes have been read through this stream. */
  public long count() {
    return count;
  }

  /** The hash of the bytes read so far; call once, after reading to the end. */
  public ContentHash hash() {
    return ContentHash.ofDigest(digest.digest());
  }
}

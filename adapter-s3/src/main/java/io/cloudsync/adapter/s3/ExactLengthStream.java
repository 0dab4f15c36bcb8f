package io.cloudsync.adapter.s3;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Reads exactly {@code length} bytes of a write's content and digests them. It fails the request
 * (with {@link SourceStreamException}) when the content ends early or, if a SHA-256 was declared,
 * when the bytes do not match it: the check runs before the last bytes are handed over, so a
 * single-request upload is cut short and the store keeps nothing. The underlying stream is never
 * closed (the caller owns it). Empty content is never read: its hash is known, and the writer
 * checks a declared one before sending anything.
 */
final class ExactLengthStream extends InputStream {
  private final InputStream in;
  private final long length;
  private final Optional<ContentHash> declared;
  private final MessageDigest digest;
  private long remaining;
  private ContentHash hash;

  ExactLengthStream(InputStream in, long length, Optional<ContentHash> declared) {
    this.in = in;
    this.length = length;
    this.declared = declared;
    this.remaining = length;
    this.digest = ContentHasher.sha256Digest();
    if (length == 0) {
      hash = ContentHash.EMPTY;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = in.read(b, off, (int) Math.min(len, remaining));
    } catch (IOException e) {
      SourceStreamException failure =
          new SourceStreamException("reading the content failed: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
    if (n < 0) {
      throw new SourceStreamException(
          "the content ended after " + (length - remaining) + " of " + length + " bytes");
    }
    digest.update(b, off, n);
    remaining -= n;
    if (remaining == 0) {
      finish();
    }
    return n;
  }

  private void finish() throws SourceStreamException {
    hash = ContentHash.ofDigest(digest.digest());
    if (declared.isPresent() && !declared.get().equals(hash)) {
      throw new SourceStreamException(
          "the content does not match its declared "
              + ContentHash.METADATA_KEY
              + " (it changed while it was read)");
    }
  }

  /** Whether every byte has been read. */
  boolean complete() {
    return hash != null;
  }

  /** The SHA-256 of the content; only once it has all been read. */
  ContentHash hash() {
    if (hash == null) {
      throw new IllegalStateException("the content has not been read to its end");
    }
    return hash;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(Math.min(in.available(), remaining), Integer.MAX_VALUE);
  }

  /** Leaves the caller's stream open, as the port requires. */
  @Override
  public void close() {}
}

package io.cloudsync.testkit;

import io.cloudsync.core.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic stream of pseudo-random bytes that is generated as it is read, never held whole:
 * a test can upload gigabytes with a flat heap and compare by {@link #hash()} afterwards. The same
 * length and seed always give the same bytes, however the reads are sliced.
 *
 * <p>It can also misbehave on purpose: {@link #endingAfter} ends early (as a file truncated while
 * being uploaded), {@link #failingAfter} throws an {@link IOException} part-way (as a reset
 * connection). It records whether it was closed, since the port says writes must not close it.
 */
public final class GeneratedContent extends InputStream {
  private static final int BLOCK = 8192;

  private final long length;
  private final long available;
  private final boolean failAtEnd;
  private final SplittableRandom random;
  private final MessageDigest digest;
  private final byte[] block = new byte[BLOCK];
  private final byte[] one = new byte[1];
  private int blockPosition = BLOCK;
  private long served;
  private boolean closed;

  private GeneratedContent(long length, long seed, long available, boolean failAtEnd) {
    if (length < 0 || available < 0) {
      throw new IllegalArgumentException("lengths must not be negative");
    }
    this.length = length;
    this.available = Math.min(length, available);
    this.failAtEnd = failAtEnd;
    this.random = new SplittableRandom(seed);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** {@code length} bytes generated from {@code seed}. */
  public GeneratedContent(long length, long seed) {
    this(length, seed, length, false);
  }

  /** The first {@code served} bytes of {@code (length, seed)}, then a silent end of stream. */
  public static GeneratedContent endingAfter(long length, long seed, long served) {
    return new GeneratedContent(length, seed, served, false);
  }

  /** The first {@code served} bytes of {@code (length, seed)}, then an {@link IOException}. */
  public static GeneratedContent failingAfter(long length, long seed, long served) {
    return new GeneratedContent(length, seed, served, true);
  }

  /** The hash of all {@code length} bytes of {@code (length, seed)}, without keeping them. */
  public static ContentHash hashOf(long length, long seed) {
    try (GeneratedContent content = new GeneratedContent(length, seed)) {
      content.transferTo(java.io.OutputStream.nullOutputStream());
      return content.hash();
    } catch (IOException e) {
      throw new IllegalStateException("generated content cannot fail", e);
    }
  }

  /** The length this content claims. */
  public long length() {
    return length;
  }

  /** How many bytes have been read so far. */
  public long served() {
    return served;
  }

  /** Whether someone closed the stream. */
  public boolean closed() {
    return closed;
  }

  /** The SHA-256 of the bytes served so far; call once, after reading to the end. */
  public ContentHash hash() {
    return ContentHash.ofDigest(digest.digest());
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    Objects.checkFromIndexSize(offset, count, buffer.length);
    if (served >= available) {
      if (failAtEnd) {
        throw new IOException("connection reset after " + served + " bytes (injected)");
      }
      return -1;
    }
    if (count == 0) {
      return 0;
    }
    int n = (int) Math.min(count, available - served);
    int done = 0;
    while (done < n) {
      if (blockPosition == BLOCK) {
        random.nextBytes(block);
        blockPosition = 0;
      }
      int take = Math.min(n - done, BLOCK - blockPosition);
      System.arraycopy(block, blockPosition, buffer, offset + done, take);
      blockPosition += take;
      done += take;
    }
    digest.update(buffer, offset, n);
    served += n;
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, available - served);
  }

  @Override
  public void close() {
    closed = true;
  }
}

package io.cloudsync.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Immutable content held as fixed-size chunks, so that storing a large object never needs one
 * allocation of its whole size, and readers share the chunks without copying them.
 */
final class ChunkedContent {
  static final int CHUNK_BYTES = 64 * 1024;
  static final ChunkedContent EMPTY = new ChunkedContent(new byte[0][], 0);

  private final byte[][] chunks;
  private final long size;

  private ChunkedContent(byte[][] chunks, long size) {
    this.chunks = chunks;
    this.size = size;
  }

  /**
   * Reads exactly {@code length} bytes from {@code in}, without closing it.
   *
   * @throws EOFException when the stream ends before {@code length} bytes
   */
  static ChunkedContent readFrom(InputStream in, long length) throws IOException {
    if (length == 0) {
      return EMPTY;
    }
    long count = (length + CHUNK_BYTES - 1) / CHUNK_BYTES;
    if (count > Integer.MAX_VALUE) {
      throw new IOException("content of " + length + " bytes is too large to keep in memory");
    }
    byte[][] chunks = new byte[(int) count][];
    long done = 0;
    for (int i = 0; i < chunks.length; i++) {
      int want = (int) Math.min(CHUNK_BYTES, length - done);
      byte[] chunk = new byte[want];
      int got = in.readNBytes(chunk, 0, want);
      done += got;
      if (got < want) {
        throw new EOFException("content ended after " + done + " of " + length + " bytes");
      }
      chunks[i] = chunk;
    }
    return new ChunkedContent(chunks, length);
  }

  /** Wraps a small array (planted test objects). */
  static ChunkedContent of(byte[] bytes) {
    try {
      return readFrom(new java.io.ByteArrayInputStream(bytes), bytes.length);
    } catch (IOException e) {
      throw new IllegalStateException("an array cannot end early", e);
    }
  }

  long size() {
    return size;
  }

  /** A stream over bytes {@code [start, end)}, clipped to the content. */
  InputStream open(long start, long end) {
    long from = Math.min(Math.max(0, start), size);
    long to = Math.min(Math.max(from, end), size);
    return new Reader(from, to);
  }

  private final class Reader extends InputStream {
    private long position;
    private final long end;

    Reader(long start, long end) {
      this.position = start;
      this.end = end;
    }

    @Override
    public int read() {
      if (position >= end) {
        return -1;
      }
      byte b = chunks[(int) (position / CHUNK_BYTES)][(int) (position % CHUNK_BYTES)];
      position++;
      return b & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (length == 0) {
        return 0;
      }
      if (position >= end) {
        return -1;
      }
      int inChunk = (int) (position % CHUNK_BYTES);
      int n = (int) Math.min(Math.min(length, end - position), CHUNK_BYTES - inChunk);
      System.arraycopy(chunks[(int) (position / CHUNK_BYTES)], inChunk, buffer, offset, n);
      position += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, end - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}

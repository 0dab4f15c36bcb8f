package io.cloudsync.engine.resilience;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A download that survives a broken connection: when the underlying stream fails mid-way, or ends
 * before the expected length, it is reopened from the offset reached (a ranged read) and reading
 * goes on, so the caller sees one whole stream.
 *
 * <p>The {@link Resumer} decides whether and when to go on: it waits, gives up by throwing (after
 * too many failures in a row that brought no new byte), and refuses when resuming is no longer safe
 * (the object changed since the first byte was read).
 */
final class ResumingInputStream extends InputStream {

  /** Reopens the content after a failure, or gives up by throwing. */
  @FunctionalInterface
  interface Resumer {
    /**
     * @param offset the first byte not yet delivered
     * @param failure why the previous stream stopped
     * @param progressed whether the previous stream delivered any byte
     * @return a stream of the content from {@code offset}
     */
    InputStream resumeAt(long offset, IOException failure, boolean progressed) throws IOException;
  }

  private final Resumer resumer;
  private final OptionalLong expectedLength;
  private final String location;
  private InputStream current;
  private long offset;
  private boolean progressed;
  private long resumes;
  private boolean closed;

  /**
   * @param first the stream already open at offset 0
   * @param resumer reopens the content at an offset, or gives up
   * @param expectedLength the full length, when known: an end before it counts as a failure
   * @param location where the content lives, for messages
   */
  ResumingInputStream(
      InputStream first, Resumer resumer, OptionalLong expectedLength, String location) {
    this.current = requireNonNull(first, "first is null");
    this.resumer = requireNonNull(resumer, "resumer is null");
    this.expectedLength = requireNonNull(expectedLength, "expectedLength is null");
    this.location = requireNonNull(location, "location is null");
  }

  /** How many times the stream was reopened. */
  long resumes() {
    return resumes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, buffer.length);
    if (closed) {
      throw new IOException(location + ": stream is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      IOException failure;
      try {
        int n = current.read(buffer, off, len);
        if (n > 0) {
          offset += n;
          progressed = true;
          return n;
        }
        if (n < 0 && (expectedLength.isEmpty() || offset >= expectedLength.getAsLong())) {
          return -1;
        }
        failure =
            new EOFException(
                "stream ended at byte " + offset + " of " + expectedLength.getAsLong());
      } catch (IOException e) {
        failure = e;
      } catch (StorageException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        failure = new IOException(e.getMessage(), e);
      }
      resume(failure);
    }
  }

  private void resume(IOException failure) throws IOException {
    closeQuietly(current);
    boolean delivered = progressed;
    progressed = false;
    current = resumer.resumeAt(offset, failure, delivered);
    resumes++;
  }

  @Override
  public long skip(long n) throws IOException {
    // Reading keeps the offset exact, so a resume after a skip starts at the right byte.
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      current.close();
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException | RuntimeException e) {
      // The stream already failed; its close has nothing more to say.
    }
  }
}

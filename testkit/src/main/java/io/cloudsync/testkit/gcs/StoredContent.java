package io.cloudsync.testkit.gcs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bytes of one object generation: small ones in memory, larger ones in a file of the emulator's
 * private temporary folder, so a multi-hundred-MiB upload is never held in memory.
 *
 * @param size the length in bytes
 * @param md5 the MD5 digest, base64
 * @param crc32c the CRC32C checksum as four big-endian bytes, base64
 * @param memory the bytes when held in memory
 * @param file the file holding the bytes otherwise
 */
record StoredContent(
    long size, String md5, String crc32c, Optional<byte[]> memory, Optional<Path> file) {

  InputStream open() throws IOException {
    if (memory.isPresent()) {
      return new ByteArrayInputStream(memory.get());
    }
    return Files.newInputStream(file.orElseThrow());
  }

  /** Opens the bytes {@code [offset, offset + length)}. */
  InputStream open(long offset, long length) throws IOException {
    if (memory.isPresent()) {
      return new ByteArrayInputStream(memory.get(), (int) offset, (int) length);
    }
    InputStream in = Files.newInputStream(file.orElseThrow());
    in.skipNBytes(offset);
    return new BoundedInputStream(in, length);
  }

  byte[] readAll() {
    try (InputStream in = open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the backing file, if any; readers that opened it keep reading (POSIX semantics). */
  void discard() {
    file.ifPresent(
        f -> {
          try {
            Files.deleteIfExists(f);
          } catch (IOException e) {
            // The temporary folder is removed when the emulator stops.
          }
        });
  }

  private static final class BoundedInputStream extends java.io.FilterInputStream {
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}

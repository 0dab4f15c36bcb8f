package io.cloudsync.testkit.gcs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Receives an upload: keeps up to {@link #MEMORY_LIMIT} bytes in memory, then spills everything to
 * a temporary file; computes MD5 and CRC32C on the way.
 */
final class ContentSink extends OutputStream {
  static final int MEMORY_LIMIT = 1 << 20;

  private final Path folder;
  private final MessageDigest md5;
  private final CRC32C crc = new CRC32C();
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;

  ContentSink(Path folder) {
    this.folder = folder;
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    md5.update(b, off, len);
    crc.update(b, off, len);
    size += len;
    if (memory != null && memory.size() + len > MEMORY_LIMIT) {
      file = Files.createTempFile(folder, "object-", ".bin");
      fileOut = Files.newOutputStream(file);
      memory.writeTo(fileOut);
      memory = null;
    }
    if (memory != null) {
      memory.write(b, off, len);
    } else {
      fileOut.write(b, off, len);
    }
  }

  /** Copies all of {@code in} into this sink. */
  long transferFrom(InputStream in) throws IOException {
    return in.transferTo(this);
  }

  long size() {
    return size;
  }

  /** Ends the upload and returns what was received. */
  StoredContent finish() throws IOException {
    String md5Base64 = Base64.getEncoder().encodeToString(md5.digest());
    byte[] crcBytes = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    String crcBase64 = Base64.getEncoder().encodeToString(crcBytes);
    if (memory != null) {
      return new StoredContent(
          size, md5Base64, crcBase64, Optional.of(memory.toByteArray()), Optional.empty());
    }
    fileOut.close();
    return new StoredContent(size, md5Base64, crcBase64, Optional.empty(), Optional.of(file));
  }

  /** Drops what was received (a cancelled or failed upload). */
  void abandon() {
    memory = null;
    if (file != null) {
      try {
        fileOut.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // The temporary folder is removed when the emulator stops.
      }
    }
  }
}

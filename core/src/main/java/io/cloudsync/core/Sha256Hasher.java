package io.cloudsync.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * SHA-256 through {@link ContentHasher#sha256Digest()}: OpenSSL's libcrypto where it can be used,
 * else the JDK's {@link MessageDigest} (whose HotSpot intrinsic uses the CPU's SHA extensions once
 * C2 has compiled it). Files are read through a direct buffer of 256 KiB: large enough to amortise
 * system calls, small enough that many parallel hashers stay within a bounded heap.
 */
final class Sha256Hasher implements ContentHasher {
  static final Sha256Hasher INSTANCE = new Sha256Hasher();

  private static final int BUFFER = 256 * 1024;

  private Sha256Hasher() {}

  static MessageDigest newDigest() {
    return ContentHasher.sha256Digest();
  }

  @Override
  public ContentHash hash(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
    }
    return ContentHash.ofDigest(digest.digest());
  }

  /**
   * Reads through a heap buffer no larger than the file: a direct buffer per file would be freed
   * only by the collector (a scan of many small files then forces full collections to reclaim
   * direct memory), and a digest fed from a direct buffer copies it through a small array anyway.
   */
  @Override
  public ContentHash hash(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      byte[] array = new byte[(int) Math.min(BUFFER, Math.max(size + 1, 8192))];
      ByteBuffer buffer = ByteBuffer.wrap(array);
      int n;
      while ((n = channel.read(buffer)) >= 0) {
        digest.update(array, 0, n);
        buffer.clear();
      }
    }
    return ContentHash.ofDigest(digest.digest());
  }

  @Override
  public ContentHash hash(byte[] bytes) {
    return ContentHash.ofDigest(newDigest().digest(bytes));
  }

  @Override
  public HashingInputStream hashing(InputStream in) {
    return new HashingInputStream(in, newDigest());
  }
}

package io.cloudsync.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Computes {@link ContentHash}es by streaming: memory stays constant whatever the content size. */
public interface ContentHasher {

  /** Reads {@code in} to its end (without closing it) and returns the hash of what it read. */
  ContentHash hash(InputStream in) throws IOException;

  /** Hashes a file's content. */
  ContentHash hash(Path file) throws IOException;

  /** Hashes a byte array (small content only: tests, metadata). */
  ContentHash hash(byte[] bytes);

  /**
   * Wraps {@code in} so that the hash of everything read through it is available afterwards from
   * {@link HashingInputStream#hash()}: one pass computes the hash while the bytes travel.
   */
  HashingInputStream hashing(InputStream in);

  /** The streaming SHA-256 hasher. */
  static ContentHasher sha256() {
    return Sha256Hasher.INSTANCE;
  }
}

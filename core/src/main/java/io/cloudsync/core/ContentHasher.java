package io.cloudsync.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;

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

  /** The streaming SHA-256 hasher; its digests come from {@link #sha256Digest()}. */
  static ContentHasher sha256() {
    return Sha256Hasher.INSTANCE;
  }

  /**
   * A fresh SHA-256 digest: OpenSSL's libcrypto when it can be used here (Linux, Java 22 or newer,
   * native access enabled, libcrypto present and passing a self-test), which runs at full speed
   * whatever the JIT has compiled; else the JDK's. The system property {@code cloudsync.sha256=jdk}
   * selects the JDK's regardless. The choice is made once per JVM.
   */
  static MessageDigest sha256Digest() {
    return Sha256Digests.selected().newDigest();
  }

  /**
   * Where {@link #sha256Digest()} comes from, for humans: e.g. {@code libcrypto.so.3 (OpenSSL
   * 3.0.13, native)} or {@code JDK}.
   */
  static String sha256Implementation() {
    return Sha256Digests.selected().description();
  }
}

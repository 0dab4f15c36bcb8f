package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of an object's content, as 64 lowercase hex digits.
 *
 * @param hex the digest in lowercase hex
 */
public record ContentHash(String hex) {

  /** The metadata key under which backends keep the SHA-256 beside the content. */
  public static final String METADATA_KEY = "cloudsync-sha256";

  /** The hash of zero bytes. */
  public static final ContentHash EMPTY =
      new ContentHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  /** Validates the hex text. */
  public ContentHash {
    requireNonNull(hex, "hex is null");
    if (hex.length() != 64) {
      throw new IllegalArgumentException(
          "content hash must be 64 hex digits, got " + hex.length() + " characters");
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new IllegalArgumentException("content hash must be lowercase hex: " + hex);
      }
    }
  }

  /** Parses hex in either case. */
  public static ContentHash ofHex(String hex) {
    requireNonNull(hex, "hex is null");
    return new ContentHash(hex.toLowerCase(Locale.ROOT));
  }

  /** Wraps a 32-byte digest. */
  public static ContentHash ofDigest(byte[] digest) {
    requireNonNull(digest, "digest is null");
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
    }
    return new ContentHash(HexFormat.of().formatHex(digest));
  }

  /** The digest's 32 bytes. */
  public byte[] digest() {
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}

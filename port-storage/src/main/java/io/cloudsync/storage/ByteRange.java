package io.cloudsync.storage;

/**
 * A slice of an object's content for ranged reads.
 *
 * @param offset the first byte, from 0
 * @param length how many bytes at most; a range running past the end is cut at the end
 */
public record ByteRange(long offset, long length) {

  /** Validates the fields. */
  public ByteRange {
    if (offset < 0) {
      throw new IllegalArgumentException("range offset is negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("range length is negative: " + length);
    }
  }

  /** The last byte included, or {@code offset - 1} for an empty range. */
  public long lastInclusive() {
    return offset + length - 1;
  }
}

package io.cloudsync.testkit;

/**
 * The shape of a generated test tree: how many files and folders, the size range of ordinary files,
 * how many large files of which size, and the seed that makes it repeatable.
 *
 * @param files ordinary files to write
 * @param folders folders to spread them over (nested up to a few levels)
 * @param minSize smallest ordinary file, in bytes
 * @param maxSize largest ordinary file, in bytes
 * @param largeFiles extra large binary files
 * @param largeSize size of each large file, in bytes
 * @param seed the seed; the same spec always gives the same names, sizes and bytes
 */
public record TreeSpec(
    int files, int folders, long minSize, long maxSize, int largeFiles, long largeSize, long seed) {

  /** Validates the fields. */
  public TreeSpec {
    if (files < 0 || folders < 0 || largeFiles < 0) {
      throw new IllegalArgumentException("file and folder counts must not be negative");
    }
    if (minSize < 0 || maxSize < minSize) {
      throw new IllegalArgumentException(
          "sizes need 0 <= min <= max, got min " + minSize + " and max " + maxSize);
    }
    if (largeSize < 0) {
      throw new IllegalArgumentException("large file size must not be negative: " + largeSize);
    }
  }

  /** {@code files} files of 1 KiB to 64 KiB in {@code folders} folders, nothing large. */
  public static TreeSpec of(int files, int folders, long seed) {
    return new TreeSpec(files, folders, 1024, 64 * 1024, 0, 0, seed);
  }

  /** This spec with {@code count} large files of {@code size} bytes each. */
  public TreeSpec withLargeFiles(int count, long size) {
    return new TreeSpec(files, folders, minSize, maxSize, count, size, seed);
  }

  /** This spec with ordinary files between {@code min} and {@code max} bytes. */
  public TreeSpec withSizes(long min, long max) {
    return new TreeSpec(files, folders, min, max, largeFiles, largeSize, seed);
  }
}

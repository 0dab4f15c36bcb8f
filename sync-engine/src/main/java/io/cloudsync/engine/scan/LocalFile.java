package io.cloudsync.engine.scan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import java.util.Optional;

/**
 * A regular file of the workspace as the scanner saw it.
 *
 * @param key its key
 * @param size its length
 * @param mtimeMillis its modification time
 * @param identity its file identity (device and inode on Unix), when the filesystem has one
 * @param hash the SHA-256 of its content
 */
public record LocalFile(
    ObjectKey key, long size, long mtimeMillis, Optional<String> identity, ContentHash hash) {

  /** Validates the fields. */
  public LocalFile {
    requireNonNull(key, "key is null");
    requireNonNull(identity, "identity is null");
    requireNonNull(hash, "hash is null");
  }

  /** Whether {@code stamp} still describes this file (same size, mtime and identity). */
  public boolean sameStamp(FileStamp stamp) {
    return stamp.size() == size
        && stamp.mtimeMillis() == mtimeMillis
        && stamp.identity().equals(identity);
  }
}

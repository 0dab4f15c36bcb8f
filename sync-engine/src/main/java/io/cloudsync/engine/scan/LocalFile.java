package io.cloudsync.engine.scan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import java.util.Optional;

/**
 * A regular file of the workspace as the scanner saw it.
 *
 * <p>Its SHA-256 is known unless the scan had no use for it: a file new in the workspace whose key
 * the remote does not hold, headed for a backend that hashes what it stores as it writes ({@link
 * io.cloudsync.storage.StorageBackend#hashesWhileWriting()}). Such a file is read once, by its
 * upload, which returns the hash.
 *
 * @param key its key
 * @param size its length
 * @param mtimeMillis its modification time
 * @param identity its file identity (device and inode on Unix), when the filesystem has one
 * @param knownHash the SHA-256 of its content, when the scan computed (or the journal had) it
 */
public record LocalFile(
    ObjectKey key,
    long size,
    long mtimeMillis,
    Optional<String> identity,
    Optional<ContentHash> knownHash) {

  /** Validates the fields. */
  public LocalFile {
    requireNonNull(key, "key is null");
    requireNonNull(identity, "identity is null");
    requireNonNull(knownHash, "knownHash is null");
  }

  /** A file whose SHA-256 is known. */
  public LocalFile(
      ObjectKey key, long size, long mtimeMillis, Optional<String> identity, ContentHash hash) {
    this(key, size, mtimeMillis, identity, Optional.of(requireNonNull(hash, "hash is null")));
  }

  /**
   * The SHA-256 of its content. The planner and the conflict handling ask for it only where the
   * scan computed it: the key has a journal entry or a remote object.
   *
   * @throws IllegalStateException when the scan left the file unhashed
   */
  public ContentHash hash() {
    return knownHash.orElseThrow(
        () -> new IllegalStateException(key + ": the scan did not hash this new file"));
  }

  /** Whether {@code stamp} still describes this file (same size, mtime and identity). */
  public boolean sameStamp(FileStamp stamp) {
    return stamp.size() == size
        && stamp.mtimeMillis() == mtimeMillis
        && stamp.identity().equals(identity);
  }
}

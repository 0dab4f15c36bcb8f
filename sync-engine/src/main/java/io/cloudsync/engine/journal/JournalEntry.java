package io.cloudsync.engine.journal;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.VersionToken;
import java.util.Optional;

/**
 * The base of one key: what both sides agreed on after the last completed action.
 *
 * @param key the key
 * @param hash the content's SHA-256 on both sides
 * @param size the content length
 * @param localMtimeMillis the workspace file's modification time when it was last seen in step
 * @param localIdentity the workspace file's identity (inode or file key), when known
 * @param remoteVersion the remote object's version token
 * @param remoteSize the remote object's size
 */
public record JournalEntry(
    ObjectKey key,
    ContentHash hash,
    long size,
    long localMtimeMillis,
    Optional<String> localIdentity,
    VersionToken remoteVersion,
    long remoteSize) {

  /** Validates the fields. */
  public JournalEntry {
    requireNonNull(key, "key is null");
    requireNonNull(hash, "hash is null");
    requireNonNull(localIdentity, "localIdentity is null");
    requireNonNull(remoteVersion, "remoteVersion is null");
    if (size < 0 || remoteSize < 0) {
      throw new IllegalArgumentException("sizes must not be negative");
    }
  }
}

package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a backend knows about one stored object, without its content.
 *
 * @param key the object's key
 * @param size the content length in bytes
 * @param lastModified when the backend last stored it
 * @param hash the SHA-256 of the content, when the backend has it (from {@code cloudsync-sha256})
 * @param version the version token that a conditional write compares against
 * @param metadata user metadata, without the backend's own headers
 */
public record RemoteFile(
    ObjectKey key,
    long size,
    Instant lastModified,
    Optional<ContentHash> hash,
    VersionToken version,
    Map<String, String> metadata)
    implements ListEntry {

  /**
   * The metadata key under which a sync records the writer's file modification time: epoch
   * milliseconds as decimal text.
   */
  public static final String MTIME_METADATA_KEY = "cloudsync-mtime";

  /** Validates the fields and copies the metadata. */
  public RemoteFile {
    requireNonNull(key, "key is null");
    requireNonNull(lastModified, "lastModified is null");
    requireNonNull(hash, "hash is null");
    requireNonNull(version, "version is null");
    requireNonNull(metadata, "metadata is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    metadata = Map.copyOf(metadata);
  }
}

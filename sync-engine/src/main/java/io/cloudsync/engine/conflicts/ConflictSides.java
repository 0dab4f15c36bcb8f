package io.cloudsync.engine.conflicts;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a conflict policy may look at: both sides' state and, read lazily, the content of base,
 * local and remote for a merge (empty when absent or larger than 1 MiB).
 *
 * @param localExists whether the workspace has the file
 * @param localHash its hash
 * @param localSize its size
 * @param localModified its modification time
 * @param remoteExists whether the remote has the object
 * @param remoteHash its hash, when known
 * @param remoteSize its size
 * @param remoteModified its modification time (the writer's mtime when recorded, else the store's)
 * @param base the base content
 * @param local the workspace content
 * @param remote the remote content
 */
public record ConflictSides(
    boolean localExists,
    Optional<ContentHash> localHash,
    long localSize,
    Optional<Instant> localModified,
    boolean remoteExists,
    Optional<ContentHash> remoteHash,
    long remoteSize,
    Optional<Instant> remoteModified,
    Supplier<Optional<byte[]>> base,
    Supplier<Optional<byte[]>> local,
    Supplier<Optional<byte[]>> remote) {

  /** Validates the fields. */
  public ConflictSides {
    requireNonNull(localHash, "localHash is null");
    requireNonNull(localModified, "localModified is null");
    requireNonNull(remoteHash, "remoteHash is null");
    requireNonNull(remoteModified, "remoteModified is null");
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
  }
}

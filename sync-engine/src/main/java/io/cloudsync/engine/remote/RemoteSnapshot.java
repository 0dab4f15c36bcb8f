package io.cloudsync.engine.remote;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The remote as one listing saw it.
 *
 * @param files the objects with valid keys that the ignore rules let through, by key
 * @param skipped notices for objects left alone (names that are not valid keys)
 */
public record RemoteSnapshot(Map<ObjectKey, RemoteFile> files, List<String> skipped) {

  /** Validates and copies. */
  public RemoteSnapshot {
    files = Map.copyOf(requireNonNull(files, "files is null"));
    skipped = List.copyOf(requireNonNull(skipped, "skipped is null"));
  }

  /**
   * This snapshot with the recorded hashes of {@code keys} set aside, so that their content is
   * compared instead of their records trusted; itself when none of them has one.
   */
  public RemoteSnapshot withoutHashesOf(Set<ObjectKey> keys) {
    requireNonNull(keys, "keys is null");
    Map<ObjectKey, RemoteFile> unhashed = new HashMap<>(files);
    boolean changed = false;
    for (ObjectKey key : keys) {
      RemoteFile file = unhashed.get(key);
      if (file != null && file.hash().isPresent()) {
        unhashed.put(
            key,
            new RemoteFile(
                key,
                file.size(),
                file.lastModified(),
                Optional.empty(),
                file.version(),
                file.metadata()));
        changed = true;
      }
    }
    return changed ? new RemoteSnapshot(unhashed, skipped) : this;
  }
}

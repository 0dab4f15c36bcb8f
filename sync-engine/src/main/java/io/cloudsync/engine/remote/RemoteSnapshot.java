package io.cloudsync.engine.remote;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import java.util.List;
import java.util.Map;

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
}

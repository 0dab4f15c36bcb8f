package io.cloudsync.engine.scan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workspace as one scan saw it.
 *
 * @param files the regular files, by key
 * @param folders the relative paths of every folder (for file/folder clashes)
 * @param skipped keys present but left alone this run (unreadable, changing while hashed), with why
 * @param reports notices for the user (symlinks not followed, names that are not valid keys)
 * @param hashed how many files were hashed (the rest took the fast path)
 */
public record LocalSnapshot(
    Map<ObjectKey, LocalFile> files,
    Set<String> folders,
    Map<ObjectKey, String> skipped,
    List<String> reports,
    int hashed) {

  /** Validates and copies. */
  public LocalSnapshot {
    files = Map.copyOf(requireNonNull(files, "files is null"));
    folders = Set.copyOf(requireNonNull(folders, "folders is null"));
    skipped = Map.copyOf(requireNonNull(skipped, "skipped is null"));
    reports = List.copyOf(requireNonNull(reports, "reports is null"));
  }
}

package io.cloudsync.engine.plan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.scan.LocalFile;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything the planner decides from; it reads nothing else.
 *
 * @param base the journal's entries
 * @param local the workspace's files
 * @param localFolders the workspace's folders (relative paths)
 * @param localSkipped workspace keys left alone this run, with why
 * @param remote the remote's objects
 * @param direction which way changes may travel
 * @param caseInsensitiveLocal whether the workspace's filesystem folds case
 * @param now the detection time stamped on conflicts
 */
public record PlanInput(
    Map<ObjectKey, JournalEntry> base,
    Map<ObjectKey, LocalFile> local,
    Set<String> localFolders,
    Map<ObjectKey, String> localSkipped,
    Map<ObjectKey, RemoteFile> remote,
    Direction direction,
    boolean caseInsensitiveLocal,
    Instant now) {

  /** Validates the fields. */
  public PlanInput {
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(localFolders, "localFolders is null");
    requireNonNull(localSkipped, "localSkipped is null");
    requireNonNull(remote, "remote is null");
    requireNonNull(direction, "direction is null");
    requireNonNull(now, "now is null");
  }
}

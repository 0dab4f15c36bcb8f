package io.cloudsync.cli;

import io.cloudsync.core.SyncStatus;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sync lines of {@code cloudsync status} when the working folder is a synced workspace: pending
 * changes (a dry-run plan), open conflicts and the last sync.
 */
final class SyncStatusLines {
  private final SyncEngines engines;

  @Inject
  SyncStatusLines(SyncEngines engines) {
    this.engines = engines;
  }

  /** The lines for {@code workspace}, or none when it has never been synced. */
  Map<String, String> lines(Path workspace, StorageBackend backend) {
    Map<String, String> lines = new LinkedHashMap<>();
    if (!Files.isRegularFile(workspace.resolve(".cloudsync").resolve(Journal.FILE_NAME))) {
      return lines;
    }
    SyncStatus s = engines.run(() -> engines.engine(workspace, backend).status());
    lines.put("Workspace", workspace.toString());
    lines.put("Pending Uploads", Formats.count(s.pendingUploads()));
    lines.put("Pending Downloads", Formats.count(s.pendingDownloads()));
    lines.put("Pending Deletes", Formats.count(s.pendingDeletes()));
    lines.put("Open Conflicts", Formats.count(s.openConflicts()));
    lines.put("Last Sync", s.lastSync().map(Formats::minutes).orElse("never"));
    return lines;
  }
}

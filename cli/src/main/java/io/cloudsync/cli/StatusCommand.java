package io.cloudsync.cli;

import io.cloudsync.core.StorageStats;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteSizes;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cloudsync status [PATH]}: the backend, its contents in figures, and its health; for a
 * synced workspace also its pending changes, open conflicts and last sync.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the backend, how many objects it holds, and whether it answers; in a synced workspace"
          + " also the pending changes, open conflicts and the last sync.",
      "Exit 0 connected, 3 missing, 5 unauthorized, 6 unreachable, 8 PATH is not a folder,"
          + " 10 journal corrupted."
    })
final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin WorkspaceArgument workspaceArgument;

  private final Invocation invocation;
  private final Backends backends;
  private final SyncEngines engines;
  private final SyncStatusLines syncStatus;

  @Inject
  StatusCommand(
      Invocation invocation, Backends backends, SyncEngines engines, SyncStatusLines syncStatus) {
    this.invocation = invocation;
    this.backends = backends;
    this.engines = engines;
    this.syncStatus = syncStatus;
  }

  @Override
  public Integer call() {
    // A folder named on the command line must exist; the current folder may simply not be synced.
    Path workspace =
        workspaceArgument.given()
            ? engines.existingWorkspace(workspaceArgument.path)
            : engines.workspace(null);
    Remote remote = backends.remote(common);
    try (StorageBackend backend = backends.open(remote, Map.of(), false)) {
      BackendDescription description = backend.describe();
      Map<String, String> lines = new LinkedHashMap<>();
      lines.put("Backend", description.name());
      lines.put("Location", description.location());
      ExitCode code = codeFor(description.health());
      if (code == ExitCode.OK) {
        StorageStats stats = backend.stats("");
        lines.put("Objects", Formats.count(stats.objectCount()));
        lines.put("Total Size", ByteSizes.human(stats.totalBytes()));
        lines.put("Last Modified", stats.lastModified().map(Formats::minutes).orElse("never"));
        lines.putAll(syncStatus.lines(workspace, backend));
      }
      lines.put(
          "Health",
          description.health().name().toLowerCase(Locale.ROOT)
              + description.healthDetail().map(d -> " (" + d + ")").orElse(""));
      print(lines);
      return code.code();
    }
  }

  private void print(Map<String, String> lines) {
    int width = 15;
    for (String label : lines.keySet()) {
      width = Math.max(width, label.length() + 2);
    }
    invocation.out().println("Storage Status");
    for (Map.Entry<String, String> line : lines.entrySet()) {
      invocation
          .out()
          .println(
              String.format(
                  Locale.ROOT, "%-" + width + "s%s", line.getKey() + ":", line.getValue()));
    }
  }

  private static ExitCode codeFor(BackendDescription.Health health) {
    return switch (health) {
      case CONNECTED -> ExitCode.OK;
      case UNAUTHORIZED -> ExitCode.ACCESS_DENIED;
      case MISSING -> ExitCode.NOT_FOUND;
      case UNREACHABLE -> ExitCode.UNREACHABLE;
    };
  }
}

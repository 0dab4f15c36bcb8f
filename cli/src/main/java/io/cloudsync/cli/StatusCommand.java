package io.cloudsync.cli;

import io.cloudsync.core.StorageStats;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteSizes;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cloudsync status}: the backend, its contents in figures, and its health. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the backend, how many objects it holds, and whether it answers.")
final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  private final Invocation invocation;
  private final Backends backends;
  private final SyncStatusLines syncStatus;

  @Inject
  StatusCommand(Invocation invocation, Backends backends, SyncStatusLines syncStatus) {
    this.invocation = invocation;
    this.backends = backends;
    this.syncStatus = syncStatus;
  }

  @Override
  public Integer call() {
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
        lines.putAll(syncStatus.lines(invocation.workingDir(), backend));
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

package io.cloudsync.cli;

import io.cloudsync.engine.MaxDelete;
import io.cloudsync.engine.SyncOptions;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.plan.Direction;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cloudsync sync}: the three-way sync of a workspace folder with the remote. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sync a workspace folder with the remote in both directions, three-way against the journal",
      "in .cloudsync/state.db: a change on one side travels, a change on both sides is a conflict",
      "settled by the strategy. Exit 0 in step, 4 conflicts left open, 1 actions failed (rerun),",
      "10 journal corrupted, 11 deletion limit exceeded."
    })
final class SyncCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin WorkspaceArgument workspaceArgument;

  @Option(
      names = "--direction",
      paramLabel = "both|push|pull",
      defaultValue = "both",
      description = "Which way changes travel (default: both).")
  String direction;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(
      names = "--strategy",
      paramLabel = "S",
      description =
          "Conflict strategy for this run: newer, remote, local, keep-both, manual, merge (default: cloudsync.yaml conflicts, else keep-both).")
  String strategy;

  @Option(
      names = "--transfers",
      paramLabel = "N",
      description =
          "Parallel transfers, whole files and extra multipart upload parts together (default: performance.transfers, else 8).")
  Integer transfers;

  @Option(
      names = "--checkers",
      paramLabel = "N",
      description =
          "Files hashed at once while scanning, and remote checks at once while syncing: reading a remote object without a recorded SHA-256 to compare it in a conflict, re-stating it after a download (default: performance.checkers, else 8).")
  Integer checkers;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description =
          "Retries of a throttled or transient backend call, 0 for none (default: performance.retry_attempts - 1, else 4).")
  Integer retries;

  @Option(
      names = "--retry-delay",
      paramLabel = "D",
      description =
          "Wait before the first retry, doubling after each, like 500ms or 2s (default: performance.retry_delay, else 500ms).")
  String retryDelay;

  @Option(
      names = "--bwlimit",
      paramLabel = "RATE",
      description =
          "Bandwidth limit per second shared by all transfers: 512K both ways, 1M:4M upload:download, off (default: performance.bwlimit, else off).")
  String bwlimit;

  @Option(
      names = "--max-delete",
      paramLabel = "N|N%",
      defaultValue = "50%",
      description =
          "Stop before any change if more deletions are planned (default: 50%% of known files).")
  String maxDelete;

  @Option(names = "--json", description = "Print the plan (with --dry-run) or the result as JSON.")
  boolean json;

  @Option(
      names = "--rebuild-journal",
      description =
          "Set a damaged journal aside and rebuild the base by comparing content; nothing is deleted or overwritten.")
  boolean rebuildJournal;

  @ArgGroup(exclusive = true)
  Verbosity verbosity = new Verbosity();

  static final class Verbosity {
    @Option(names = "--progress", description = "Show a progress bar (default on a terminal).")
    boolean progress;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;
  }

  private final Invocation invocation;
  private final Backends backends;
  private final SyncEngines engines;
  private final jakarta.inject.Provider<CloudSyncConfig> config;

  @Inject
  SyncCommand(
      Invocation invocation,
      Backends backends,
      SyncEngines engines,
      jakarta.inject.Provider<CloudSyncConfig> config) {
    this.invocation = invocation;
    this.backends = backends;
    this.engines = engines;
    this.config = config;
  }

  @Override
  public Integer call() {
    Path workspace = engines.workspace(workspaceArgument.path);
    SyncOptions options =
        new SyncOptions(
            SyncEngines.parse("--direction", direction, Direction::parse),
            dryRun,
            Optional.ofNullable(strategy).map(SyncEngines::strategy),
            transfers(),
            SyncEngines.parse("--max-delete", maxDelete, MaxDelete::parse),
            rebuildJournal,
            Set.of(),
            checkers(),
            engines.retryPolicy(retries, retryDelay),
            engines.bandwidth(bwlimit));
    try (StorageBackend backend = backends.open(backends.remote(common), Map.of(), true)) {
      boolean bar = !json && !verbosity.quiet && (verbosity.progress || System.console() != null);
      SyncResult result;
      try (SyncProgress progress = bar ? SyncProgress.onTerminal(invocation.err()) : null) {
        SyncListener listener = progress == null ? SyncListener.NONE : progress;
        result = engines.run(() -> engines.engine(workspace, backend).sync(options, listener));
      }
      SyncReport.print(result, workspace, json, verbosity.quiet, invocation);
      if (!result.errors().isEmpty()) {
        return ExitCode.FAILURE.code();
      }
      return result.openConflicts() > 0 ? ExitCode.CONFLICT.code() : ExitCode.OK.code();
    }
  }

  private int transfers() {
    return engines.count("--transfers", transfers, "transfers", SyncOptions.DEFAULT_TRANSFERS);
  }

  private int checkers() {
    return engines.count("--checkers", checkers, "checkers", SyncOptions.DEFAULT_CHECKERS);
  }
}

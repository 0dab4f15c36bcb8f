package io.cloudsync.cli;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.journal.ConflictRecord;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cloudsync conflicts list|show|resolve}: the conflicts the journal holds. */
@Command(
    name = "conflicts",
    mixinStandardHelpOptions = true,
    description = "List, show and resolve sync conflicts of a workspace.",
    subcommands = {
      ConflictsCommand.ListConflicts.class,
      ConflictsCommand.ShowConflict.class,
      ConflictsCommand.ResolveConflict.class
    })
final class ConflictsCommand implements Runnable {
  @Override
  public void run() {
    throw new CliFailure(
        ExitCode.USAGE, "conflicts: name a subcommand: list, show KEY, resolve KEY --strategy S");
  }

  static final class WorkspaceOption {
    @Option(
        names = {"-w", "--workspace"},
        paramLabel = "PATH",
        description = "The workspace folder (default: the current folder).")
    String workspace;
  }

  /** What the conflict subcommands share: the invocation's streams, the engine, the remote. */
  abstract static class JournalCommand implements Callable<Integer> {
    final Invocation invocation;
    final SyncEngines engines;
    final Backends backends;

    JournalCommand(Invocation invocation, SyncEngines engines, Backends backends) {
      this.invocation = invocation;
      this.engines = engines;
      this.backends = backends;
    }

    /** {@code 4} while any of {@code records} is still open, else {@code 0}. */
    static int exitFor(List<ConflictRecord> records) {
      return records.stream().anyMatch(c -> c.info().isOpen())
          ? ExitCode.CONFLICT.code()
          : ExitCode.OK.code();
    }
  }

  /** {@code conflicts list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List open conflicts (--all: every conflict ever logged).")
  static final class ListConflicts extends JournalCommand {
    @Mixin WorkspaceOption ws;
    @Mixin CommonOptions common;

    @Option(names = "--all", description = "Include resolved conflicts.")
    boolean all;

    @Inject
    ListConflicts(Invocation invocation, SyncEngines engines, Backends backends) {
      super(invocation, engines, backends);
    }

    @Override
    public Integer call() {
      List<ConflictRecord> records = journal(engines, backends, common, ws, all);
      if (records.isEmpty()) {
        invocation.out().println(all ? "No conflicts logged." : "No open conflicts.");
        return ExitCode.OK.code();
      }
      for (ConflictRecord c : records) {
        ConflictInfo i = c.info();
        invocation
            .out()
            .println(
                i.key()
                    + "\t"
                    + i.kind()
                    + "\t"
                    + Formats.seconds(i.detectedAt())
                    + "\t"
                    + i.resolution().orElse("open"));
      }
      return exitFor(records);
    }
  }

  /** {@code conflicts show KEY}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show the conflicts logged for KEY.")
  static final class ShowConflict extends JournalCommand {
    @Mixin WorkspaceOption ws;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Inject
    ShowConflict(Invocation invocation, SyncEngines engines, Backends backends) {
      super(invocation, engines, backends);
    }

    @Override
    public Integer call() {
      ObjectKey k = ObjectKey.of(key);
      List<ConflictRecord> records =
          journal(engines, backends, common, ws, true).stream()
              .filter(c -> c.info().key().equals(k))
              .toList();
      if (records.isEmpty()) {
        throw new CliFailure(ExitCode.NOT_FOUND, key + ": no conflict logged for this key");
      }
      for (ConflictRecord c : records) {
        ConflictInfo i = c.info();
        invocation.out().println("Key:        " + i.key());
        invocation.out().println("Kind:       " + i.kind());
        invocation.out().println("Detected:   " + Formats.seconds(i.detectedAt()));
        invocation.out().println("Base:       " + hash(i.base()));
        invocation.out().println("Local:      " + hash(i.local()));
        invocation.out().println("Remote:     " + hash(i.remote()));
        invocation
            .out()
            .println(
                "Resolution: "
                    + i.resolution().orElse("open")
                    + c.resolvedAt().map(t -> " (" + Formats.seconds(t) + ")").orElse(""));
      }
      return exitFor(records);
    }

    private static String hash(Optional<ContentHash> h) {
      return h.map(ContentHash::hex).orElse("-");
    }
  }

  /** {@code conflicts resolve KEY --strategy S}. */
  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = "Settle the conflict of KEY with a strategy (a sync of that key alone).")
  static final class ResolveConflict extends JournalCommand {
    @Mixin WorkspaceOption ws;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(
        names = "--strategy",
        required = true,
        paramLabel = "S",
        description = "newer, remote, local, keep-both, manual, merge.")
    String strategy;

    @Inject
    ResolveConflict(Invocation invocation, SyncEngines engines, Backends backends) {
      super(invocation, engines, backends);
    }

    @Override
    public Integer call() {
      ObjectKey k = ObjectKey.of(key);
      String s = SyncEngines.strategy(strategy);
      Path workspace = engines.workspace(ws.workspace);
      try (StorageBackend backend = backends.open(backends.remote(common), Map.of(), true)) {
        SyncEngine engine = engines.engine(workspace, backend);
        SyncResult r = engines.run(() -> engine.resolve(k, s));
        r.notices().forEach(n -> invocation.err().println("note: " + n));
        r.errors().forEach(e -> invocation.err().println("error: " + e));
        boolean open =
            engines.run(engine::openConflicts).stream().anyMatch(c -> c.info().key().equals(k));
        if (!r.errors().isEmpty()) {
          return ExitCode.FAILURE.code();
        }
        invocation.out().println(open ? key + ": still open" : key + ": resolved with " + s);
        return open ? ExitCode.CONFLICT.code() : ExitCode.OK.code();
      }
    }
  }

  private static List<ConflictRecord> journal(
      SyncEngines engines,
      Backends backends,
      CommonOptions common,
      WorkspaceOption ws,
      boolean all) {
    Path workspace = engines.workspace(ws.workspace);
    Path stateDir = workspace.resolve(".cloudsync");
    if (!java.nio.file.Files.isRegularFile(stateDir.resolve(Journal.FILE_NAME))) {
      throw new CliFailure(
          ExitCode.NOT_FOUND,
          workspace
              + ": not a synced workspace (no .cloudsync/state.db); run `cloudsync sync` first");
    }
    return engines.run(
        () -> {
          try (Journal journal = Journal.open(stateDir)) {
            return all ? journal.allConflicts() : journal.openConflicts();
          }
        });
  }
}

package io.cloudsync.cli;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.engine.DeletionLimitExceededException;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.WorkspaceException;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.journal.JournalCorruptedException;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the sync engine for a workspace from the configuration, and maps its errors to exit codes.
 */
final class SyncEngines {
  private final Invocation invocation;
  private final Provider<CloudSyncConfig> config;
  private final Clock clock;

  @Inject
  SyncEngines(Invocation invocation, Provider<CloudSyncConfig> config, Clock clock) {
    this.invocation = invocation;
    this.config = config;
    this.clock = clock;
  }

  /** The workspace folder: {@code path} against the working folder, or the working folder. */
  Path workspace(String path) {
    Path wd = invocation.workingDir();
    return (path == null ? wd : wd.resolve(path)).toAbsolutePath().normalize();
  }

  /** The engine of {@code workspace} on {@code backend}, with the configured conflict rules. */
  SyncEngine engine(Path workspace, StorageBackend backend) {
    return new SyncEngine(workspace, backend, new ResolverPolicies(rules(), host(), clock), clock);
  }

  /** Runs {@code body}, turning the engine's failures into their exit codes. */
  <T> T run(java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (JournalCorruptedException e) {
      throw new CliFailure(ExitCode.JOURNAL_CORRUPTED, e.getMessage(), e);
    } catch (DeletionLimitExceededException e) {
      throw new CliFailure(ExitCode.DELETION_LIMIT, e.getMessage(), e);
    } catch (WorkspaceException e) {
      throw new CliFailure(ExitCode.LOCAL_IO, e.getMessage(), e);
    }
  }

  /** Parses a strategy name, as usage errors with the valid names. */
  static String strategy(String name) {
    try {
      return ConflictStrategy.parse(name).cliName();
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.INVALID_INPUT, "--strategy: " + e.getMessage(), e);
    }
  }

  /** Parses an option value with {@code parser}, as invalid input with the parser's message. */
  static <T> T parse(String option, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.INVALID_INPUT, option + ": " + e.getMessage(), e);
    }
  }

  private StrategyRules rules() {
    CloudSyncConfig c = config.get();
    ConflictStrategy fallback =
        c.effective("conflicts", "strategy")
            .map(ConflictStrategy::parse)
            .orElse(ConflictStrategy.KEEP_BOTH);
    List<StrategyRules.Rule> rules = new ArrayList<>();
    for (Map.Entry<String, String> rule : c.conflictRules()) {
      rules.add(new StrategyRules.Rule(rule.getKey(), ConflictStrategy.parse(rule.getValue())));
    }
    return new StrategyRules(rules, fallback);
  }

  private String host() {
    String env = invocation.env().get("HOSTNAME");
    return env != null && !env.isBlank() ? env : ResolverPolicies.localHostName();
  }
}

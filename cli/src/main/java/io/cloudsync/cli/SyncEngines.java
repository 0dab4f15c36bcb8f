package io.cloudsync.cli;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.engine.DeletionLimitExceededException;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.WorkspaceException;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.journal.JournalCorruptedException;
import io.cloudsync.engine.resilience.BandwidthLimit;
import io.cloudsync.engine.resilience.RetryPolicy;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The workspace {@code path} names, which must be an existing folder.
   *
   * @throws CliFailure exit 8, naming it, when it does not exist or is not a folder
   */
  Path existingWorkspace(String path) {
    Path workspace = workspace(path);
    return run(() -> SyncEngine.requireFolder(workspace));
  }

  /** The engine of {@code workspace} on {@code backend}, with the configured conflict rules. */
  SyncEngine engine(Path workspace, StorageBackend backend) {
    return new SyncEngine(
        workspace, backend, new ResolverPolicies(rules(), this::host, clock), clock);
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

  /**
   * A count of at least 1: the flag's value, else {@code performance.<key>} in the configuration,
   * else {@code fallback}.
   */
  int count(String flag, Integer value, String key, int fallback) {
    if (value != null) {
      if (value < 1) {
        throw new CliFailure(ExitCode.INVALID_INPUT, flag + ": must be at least 1, got " + value);
      }
      return value;
    }
    Optional<String> configured = config.get().effective("performance", key);
    int n = configured.map(v -> parse("performance." + key, v, Integer::parseInt)).orElse(fallback);
    if (n < 1) {
      throw new CliFailure(
          ExitCode.INVALID_INPUT, "performance." + key + ": must be at least 1, got " + n);
    }
    return n;
  }

  /**
   * The retry policy: {@code --retries} (retries after the first attempt) and {@code --retry-delay}
   * win over {@code performance.retry_attempts} (attempts in all) and {@code
   * performance.retry_delay}.
   */
  RetryPolicy retryPolicy(Integer retries, String retryDelay) {
    CloudSyncConfig c = config.get();
    RetryPolicy policy = RetryPolicy.DEFAULT;
    if (retries != null) {
      if (retries < 0) {
        throw new CliFailure(
            ExitCode.INVALID_INPUT, "--retries: must be 0 or more, got " + retries);
      }
      policy = policy.withAttempts(retries + 1);
    } else {
      Optional<String> attempts = c.effective("performance", "retry_attempts");
      if (attempts.isPresent()) {
        policy = parse("performance.retry_attempts", attempts.get(), policy::withAttempts);
      }
    }
    if (retryDelay != null) {
      policy = parse("--retry-delay", retryDelay, policy::withInitialDelay);
    } else {
      Optional<String> delay = c.effective("performance", "retry_delay");
      if (delay.isPresent()) {
        Duration d =
            ConfigSchema.parseDuration(delay.get())
                .orElseThrow(
                    () ->
                        new CliFailure(
                            ExitCode.INVALID_INPUT,
                            "performance.retry_delay: '"
                                + delay.get()
                                + "' is not a duration; write it like 500ms, 2s or 1m"));
        policy = parse("performance.retry_delay", d, policy::withInitialDelay);
      }
    }
    return policy;
  }

  /** The bandwidth limit: {@code --bwlimit}, else {@code performance.bwlimit}, else none. */
  BandwidthLimit bandwidth(String bwlimit) {
    if (bwlimit != null) {
      return parse("--bwlimit", bwlimit, BandwidthLimit::parse);
    }
    return config
        .get()
        .effective("performance", "bwlimit")
        .map(v -> parse("performance.bwlimit", v, BandwidthLimit::parse))
        .orElse(BandwidthLimit.UNLIMITED);
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
  static <V, T> T parse(String option, V value, Function<V, T> parser) {
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

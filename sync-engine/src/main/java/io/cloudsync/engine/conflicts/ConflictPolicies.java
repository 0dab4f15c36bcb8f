package io.cloudsync.engine.conflicts;

import java.util.Optional;

/** Makes the conflict policy of one run: the configured rules, or one strategy for everything. */
@FunctionalInterface
public interface ConflictPolicies {

  /**
   * The policy for a run.
   *
   * @param strategy a strategy name that overrides every rule, or empty for the configured rules
   * @throws IllegalArgumentException for an unknown strategy name, listing the valid ones
   */
  ConflictPolicy forRun(Optional<String> strategy);
}

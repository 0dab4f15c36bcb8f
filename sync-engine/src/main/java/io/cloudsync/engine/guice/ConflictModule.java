package io.cloudsync.engine.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.engine.conflicts.ConflictPolicies;
import io.cloudsync.engine.conflicts.ResolverPolicies;

/** Conflicts: the per-path strategy rules and this machine's name for conflict copies. */
public final class ConflictModule extends AbstractModule {
  private final StrategyRules rules;
  private final String host;

  /** Keep-both everywhere, copies named after this machine. */
  public ConflictModule() {
    this(StrategyRules.always(ConflictStrategy.KEEP_BOTH), ResolverPolicies.localHostName());
  }

  /**
   * @param rules glob → strategy rules with a fallback
   * @param host the name put in conflict copy names
   */
  public ConflictModule(StrategyRules rules, String host) {
    this.rules = requireNonNull(rules, "rules is null");
    this.host = requireNonNull(host, "host is null");
  }

  @Provides
  @Singleton
  ConflictPolicies policies(Clock clock) {
    return new ResolverPolicies(rules, host, clock);
  }
}

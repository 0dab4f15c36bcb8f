package io.cloudsync.engine.conflicts;

import static java.util.Objects.requireNonNull;

import io.cloudsync.conflict.ConflictResolver;
import io.cloudsync.conflict.ConflictSide;
import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.MergeInputs;
import io.cloudsync.conflict.Resolution;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ObjectKey;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The conflict module's strategies behind the engine's policy seam: per-path rules from the
 * configuration (or one strategy for the whole run from {@code --strategy}), decided by {@link
 * ConflictResolver}.
 */
public final class ResolverPolicies implements ConflictPolicies {
  private final StrategyRules rules;
  private final ConflictResolver resolver;

  /**
   * @param rules the configured rules (glob → strategy, with a fallback)
   * @param host this machine's name, for conflict copy names
   * @param clock the time stamped into conflict copy names
   */
  public ResolverPolicies(StrategyRules rules, String host, Clock clock) {
    this.rules = requireNonNull(rules, "rules is null");
    this.resolver =
        new ConflictResolver(
            requireNonNull(host, "host is null"), requireNonNull(clock, "clock is null"));
  }

  /** Keep-both everywhere, named after this machine. */
  public static ResolverPolicies keepBoth(Clock clock) {
    return new ResolverPolicies(
        StrategyRules.always(ConflictStrategy.KEEP_BOTH), localHostName(), clock);
  }

  /** This machine's name, or {@code host} when it has none. */
  public static String localHostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "host" : name;
    } catch (Exception e) {
      return "host";
    }
  }

  @Override
  public ConflictPolicy forRun(Optional<String> strategy) {
    StrategyRules effective =
        strategy.map(ConflictStrategy::parse).map(StrategyRules::always).orElse(rules);
    return new ConflictPolicy() {
      @Override
      public String strategyName(ObjectKey key) {
        return effective.strategyFor(key).cliName();
      }

      @Override
      public boolean keepsBase(ObjectKey key) {
        return effective.strategyFor(key) == ConflictStrategy.MERGE;
      }

      @Override
      public ConflictDecision decide(ConflictInfo info, ConflictSides sides) {
        ConflictStrategy s = effective.strategyFor(info.key());
        ConflictSide local =
            sides.localExists()
                ? new ConflictSide(
                    true, sides.localHash(), sides.localSize(), sides.localModified())
                : ConflictSide.absent();
        ConflictSide remote =
            sides.remoteExists()
                ? new ConflictSide(
                    true, sides.remoteHash(), sides.remoteSize(), sides.remoteModified())
                : ConflictSide.absent();
        MergeInputs inputs =
            s == ConflictStrategy.MERGE
                ? new MergeInputs(sides.base().get(), sides.local(), sides.remote())
                : MergeInputs.none();
        return switch (resolver.resolve(s, info, local, remote, inputs)) {
          case Resolution.TakeLocal t -> new ConflictDecision.TakeLocal();
          case Resolution.TakeRemote t -> new ConflictDecision.TakeRemote();
          case Resolution.LeaveBoth l -> new ConflictDecision.Leave();
          case Resolution.KeepBoth k ->
              new ConflictDecision.KeepBoth(
                  k.winner() == Resolution.Side.LOCAL
                      ? ConflictDecision.Side.LOCAL
                      : ConflictDecision.Side.REMOTE,
                  k.loserKey());
          case Resolution.Merged m -> new ConflictDecision.Merged(m.content());
        };
      }
    };
  }
}

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
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The conflict module's strategies behind the engine's policy seam: per-path rules from the
 * configuration (or one strategy for the whole run from {@code --strategy}), decided by {@link
 * ConflictResolver}.
 */
public final class ResolverPolicies implements ConflictPolicies {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private final StrategyRules rules;
  private final Supplier<String> host;
  private final Clock clock;
  private ConflictResolver resolver; // guarded by this

  /**
   * @param rules the configured rules (glob → strategy, with a fallback)
   * @param host this machine's name, for conflict copy names
   * @param clock the time stamped into conflict copy names
   */
  public ResolverPolicies(StrategyRules rules, String host, Clock clock) {
    this(rules, constant(requireNonNull(host, "host is null")), clock);
  }

  /**
   * @param rules the configured rules (glob → strategy, with a fallback)
   * @param host this machine's name, for conflict copy names: asked once, at the first conflict, so
   *     that a run without one never looks it up
   * @param clock the time stamped into conflict copy names
   */
  public ResolverPolicies(StrategyRules rules, Supplier<String> host, Clock clock) {
    this.rules = requireNonNull(rules, "rules is null");
    this.host = requireNonNull(host, "host is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  private static Supplier<String> constant(String host) {
    return () -> host;
  }

  // Asked once per conflict, never on a run's common path: a plain lock is enough.
  private synchronized ConflictResolver resolver() {
    if (resolver == null) {
      resolver = new ConflictResolver(requireNonNull(host.get(), "host is null"), clock);
    }
    return resolver;
  }

  /** Keep-both everywhere, named after this machine. */
  public static ResolverPolicies keepBoth(Clock clock) {
    return new ResolverPolicies(
        StrategyRules.always(ConflictStrategy.KEEP_BOTH), ResolverPolicies::localHostName, clock);
  }

  /**
   * This machine's name, or {@code host} when it has none. On Linux it is the kernel's name for the
   * machine, read from {@code /proc}: {@link InetAddress#getLocalHost()} also resolves the name,
   * which can take seconds where the name service is slow or missing.
   */
  public static String localHostName() {
    try {
      String name = Files.readString(KERNEL_HOSTNAME).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: ask the JDK
    }
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
        return switch (resolver().resolve(s, info, local, remote, inputs)) {
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

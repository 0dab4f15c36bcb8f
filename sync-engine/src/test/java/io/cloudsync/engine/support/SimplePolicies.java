package io.cloudsync.engine.support;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.conflicts.ConflictDecision;
import io.cloudsync.engine.conflicts.ConflictPolicies;
import io.cloudsync.engine.conflicts.ConflictPolicy;
import io.cloudsync.engine.conflicts.ConflictSides;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain strategies for the engine's own tests (the conflict module's resolver is tested in its
 * module): keep-both (remote keeps the key, local saved as {@code name.conflict-N}; a changed side
 * beats a deletion), local, remote, manual.
 */
public final class SimplePolicies implements ConflictPolicies {
  private final String fallback;
  private final AtomicInteger copies = new AtomicInteger();

  /** The default strategy is {@code fallback}. */
  public SimplePolicies(String fallback) {
    this.fallback = fallback;
  }

  @Override
  public ConflictPolicy forRun(Optional<String> strategy) {
    String name = strategy.orElse(fallback);
    return new ConflictPolicy() {
      @Override
      public String strategyName(ObjectKey key) {
        return name;
      }

      @Override
      public boolean keepsBase(ObjectKey key) {
        return false;
      }

      @Override
      public ConflictDecision decide(ConflictInfo info, ConflictSides sides) {
        return switch (name) {
          case "local" -> new ConflictDecision.TakeLocal();
          case "remote" -> new ConflictDecision.TakeRemote();
          case "manual" -> new ConflictDecision.Leave();
          case "keep-both" -> {
            if (!sides.remoteExists()) {
              yield new ConflictDecision.TakeLocal();
            }
            if (!sides.localExists()) {
              yield new ConflictDecision.TakeRemote();
            }
            yield new ConflictDecision.KeepBoth(
                ConflictDecision.Side.REMOTE,
                ObjectKey.of(info.key().value() + ".conflict-" + copies.incrementAndGet()));
          }
          default -> throw new IllegalArgumentException("unknown strategy " + name);
        };
      }
    };
  }
}

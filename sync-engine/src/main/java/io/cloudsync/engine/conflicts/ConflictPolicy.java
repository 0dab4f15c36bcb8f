package io.cloudsync.engine.conflicts;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ObjectKey;

/** Decides conflicts for the executor: the strategy per key, and what that strategy does. */
public interface ConflictPolicy {

  /** The strategy's name for {@code key} (recorded in the journal with the resolution). */
  String strategyName(ObjectKey key);

  /** Whether the strategy for {@code key} merges, so its base content must be kept. */
  boolean keepsBase(ObjectKey key);

  /** Decides {@code info}. */
  ConflictDecision decide(ConflictInfo info, ConflictSides sides);
}

package io.cloudsync.engine.plan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.SyncOperation;
import java.util.List;
import java.util.Optional;

/**
 * What a sync run will do, key by key, sorted by key.
 *
 * @param actions one action per key that needs one
 */
public record SyncPlan(List<PlannedAction> actions) {

  /** Validates and copies. */
  public SyncPlan {
    actions = List.copyOf(requireNonNull(actions, "actions is null"));
  }

  /** The operations alone. */
  public List<SyncOperation> operations() {
    return actions.stream().map(PlannedAction::operation).toList();
  }

  /** The conflicts found. */
  public List<ConflictInfo> conflicts() {
    return actions.stream().map(PlannedAction::conflict).flatMap(Optional::stream).toList();
  }

  /** How many actions of {@code type}. */
  public int count(SyncOperation.Type type) {
    return (int) actions.stream().filter(a -> a.type() == type).count();
  }

  /** The bytes the plan's transfers move. */
  public long transferBytes() {
    return actions.stream()
        .filter(
            a -> a.type() == SyncOperation.Type.UPLOAD || a.type() == SyncOperation.Type.DOWNLOAD)
        .mapToLong(a -> a.operation().bytes())
        .sum();
  }
}

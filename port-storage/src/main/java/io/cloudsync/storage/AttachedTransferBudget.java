package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link TransferBudget} attached to a backend, if any: what a {@link SupportsTransferBudget}
 * backend keeps, and the {@link PartPermits} of each upload it starts. Thread-safe.
 */
public final class AttachedTransferBudget {
  private final AtomicReference<TransferBudget> current = new AtomicReference<>();

  /** Attaches {@code budget} as {@link SupportsTransferBudget#attachTransferBudget} says. */
  public SupportsTransferBudget.Attachment attach(TransferBudget budget) {
    requireNonNull(budget, "budget is null");
    current.set(budget);
    return () -> current.compareAndSet(budget, null);
  }

  /** The budget attached now, if any. */
  public Optional<TransferBudget> current() {
    return Optional.ofNullable(current.get());
  }

  /** The permits of one upload starting now: within the attached budget, or unbounded. */
  public PartPermits forUpload() {
    return PartPermits.of(current());
  }
}

package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The permits of one upload's parallel parts, by the rule of {@link TransferBudget}: one part in
 * flight rides on the permit of the transfer that runs the upload; each further part in flight at
 * the same time holds an extra permit taken from the budget without waiting; when the budget has
 * none to spare, the next part waits for one of this upload's own parts to end (so the upload goes
 * on with at least one part at a time). Without a budget every part gets its permit at once and
 * only the adapter's own bound (its part buffers) applies, as when no run is going on.
 *
 * <p>One instance per upload: the thread that runs the upload calls {@link #acquire()} before
 * sending each part, and the part calls {@link Permit#release()} when it ends, on any thread.
 */
public final class PartPermits {
  private static final Permit FREE = () -> {};

  private final Optional<TransferBudget> budget;
  private final Semaphore own = new Semaphore(1);

  private PartPermits(Optional<TransferBudget> budget) {
    this.budget = requireNonNull(budget, "budget is null");
  }

  /** The parts of one upload within {@code budget}, or unbounded when it is empty. */
  public static PartPermits of(Optional<TransferBudget> budget) {
    return new PartPermits(budget);
  }

  /** The parts of one upload within {@code budget}. */
  public static PartPermits within(TransferBudget budget) {
    return new PartPermits(Optional.of(requireNonNull(budget, "budget is null")));
  }

  /** The parts of one upload with no shared budget: every {@link #acquire()} returns at once. */
  public static PartPermits unbounded() {
    return new PartPermits(Optional.empty());
  }

  /** Whether a budget bounds these parts. */
  public boolean bounded() {
    return budget.isPresent();
  }

  /**
   * A permit for the next part: the upload's own one when no part of it is in flight, else an extra
   * one from the budget if one is free, else the upload's own one as soon as its part in flight
   * ends. Never waits for a permit held by anyone but this upload's own parts.
   *
   * @throws InterruptedException when interrupted while waiting; no permit is then held
   */
  public Permit acquire() throws InterruptedException {
    if (budget.isEmpty()) {
      return FREE;
    }
    if (own.tryAcquire()) {
      return once(own::release);
    }
    TransferBudget shared = budget.get();
    if (shared.tryAcquire()) {
      return once(shared::release);
    }
    own.acquire();
    return once(own::release);
  }

  private static Permit once(Runnable release) {
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        release.run();
      }
    };
  }

  /** The permit one part holds while in flight. */
  @FunctionalInterface
  public interface Permit {
    /** Gives the permit back; a second call does nothing. */
    void release();
  }
}

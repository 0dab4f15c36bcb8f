package io.cloudsync.storage;

/**
 * How many transfers a run may have in flight at once, shared by whole-object transfers and the
 * extra parts of parallel (multipart, block) uploads.
 *
 * <p>The rule that keeps the budget free of deadlock:
 *
 * <ul>
 *   <li>a whole transfer (one action of a sync: an upload, a download, a delete) takes a permit
 *       with {@link #acquire()}, which waits, and releases it when done;
 *   <li>an upload's first part in flight rides on the permit its transfer already holds;
 *   <li>every additional part in flight at the same time takes an extra permit with {@link
 *       #tryAcquire()}, which never waits, and releases it when that part ends. With no permit to
 *       spare the upload sends fewer parts at once, down to one, but never stops.
 * </ul>
 *
 * <p>So a holder of a permit never waits for another one, and the permits in use never exceed
 * {@link #permits()}. Memory is not this budget's business: each adapter still bounds its part
 * buffers itself. {@link PartPermits} applies the rule to the parts of one upload; a backend
 * receives a run's budget through {@link SupportsTransferBudget}.
 *
 * <p>Implementations are thread-safe.
 */
public interface TransferBudget {

  /**
   * A budget of {@code permits} permits. An extra part's {@link #tryAcquire()} never takes a permit
   * ahead of a whole transfer already waiting in {@link #acquire()}: with more files to send than
   * permits, the permits go to whole files, and parts spread only over what is left.
   *
   * @throws IllegalArgumentException when {@code permits} is less than one
   */
  static TransferBudget of(int permits) {
    return new SemaphoreTransferBudget(permits);
  }

  /** How many permits the budget has in all. */
  int permits();

  /**
   * Takes a permit for a whole transfer, waiting until one is free.
   *
   * @throws InterruptedException when interrupted while waiting; no permit is then taken
   */
  void acquire() throws InterruptedException;

  /**
   * Takes a permit for an extra part if one is free now; never waits.
   *
   * @return whether a permit was taken (and must be {@linkplain #release() released})
   */
  boolean tryAcquire();

  /** Gives back one permit taken by {@link #acquire()} or a successful {@link #tryAcquire()}. */
  void release();
}

package io.cloudsync.storage;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A {@link TransferBudget} on a fair semaphore. */
final class SemaphoreTransferBudget implements TransferBudget {
  private final int permits;
  private final Semaphore semaphore;

  SemaphoreTransferBudget(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("a transfer budget needs at least one permit: " + permits);
    }
    this.permits = permits;
    this.semaphore = new Semaphore(permits, true);
  }

  @Override
  public int permits() {
    return permits;
  }

  @Override
  public void acquire() throws InterruptedException {
    semaphore.acquire();
  }

  @Override
  public boolean tryAcquire() {
    // The timed form with no wait honours the queue (the untimed one barges): a whole transfer
    // waiting for a permit gets it before an extra part does.
    boolean interrupted = Thread.interrupted();
    try {
      return semaphore.tryAcquire(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void release() {
    semaphore.release();
  }

  /** The permits free now (for diagnostics and tests). */
  int available() {
    return semaphore.availablePermits();
  }

  @Override
  public String toString() {
    return "TransferBudget[" + semaphore.availablePermits() + " of " + permits + " free]";
  }
}

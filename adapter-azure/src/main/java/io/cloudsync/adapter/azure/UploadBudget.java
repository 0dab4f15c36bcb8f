package io.cloudsync.adapter.azure;

import java.util.concurrent.Semaphore;

/**
 * The bytes all uploads of one backend may buffer at once. Many transfers in parallel (a sync with
 * eight of them, say) then share a fixed amount of memory instead of each holding its own blocks: a
 * transfer waits for room rather than growing the heap. Every holder releases on its own, when its
 * request ends, so waiting never deadlocks.
 */
final class UploadBudget {
  private static final int UNIT = 1024;
  private final Semaphore permits;

  UploadBudget(long bytes) {
    this.permits = new Semaphore(units(bytes), true);
  }

  void acquire(long bytes) throws InterruptedException {
    permits.acquire(units(bytes));
  }

  void release(long bytes) {
    permits.release(units(bytes));
  }

  private static int units(long bytes) {
    return (int) Math.max(1, (bytes + UNIT - 1) / UNIT);
  }
}

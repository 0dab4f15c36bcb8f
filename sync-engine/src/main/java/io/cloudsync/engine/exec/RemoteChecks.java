package io.cloudsync.engine.exec;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * The per-key checks made against the remote while a plan is carried out, at most {@code checkers}
 * at once ({@code --checkers}): the read that compares the content of a conflict whose remote side
 * has no recorded hash, and the re-stat after downloading such an object. They run inside actions
 * that already hold a transfer permit; a check never waits for a transfer, so the two bounds cannot
 * wait on each other.
 */
final class RemoteChecks {
  private final Semaphore permits;

  RemoteChecks(int checkers) {
    if (checkers < 1) {
      throw new IllegalArgumentException("checkers must be at least 1: " + checkers);
    }
    this.permits = new Semaphore(checkers, true);
  }

  /** No bound beyond the transfers' own. */
  static RemoteChecks unbounded() {
    return new RemoteChecks(Integer.MAX_VALUE);
  }

  /** Runs {@code check} once a checker is free. */
  <T> T run(Check<T> check) throws IOException {
    permits.acquireUninterruptibly();
    try {
      return check.run();
    } finally {
      permits.release();
    }
  }

  /** One check. */
  @FunctionalInterface
  interface Check<T> {
    T run() throws IOException;
  }
}

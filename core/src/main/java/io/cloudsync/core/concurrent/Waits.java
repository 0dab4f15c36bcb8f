package io.cloudsync.core.concurrent;

/** Waits that see themselves through: an interrupt is kept for later, not obeyed at once. */
public final class Waits {
  private Waits() {}

  /** A wait that an interrupt can cut short. */
  @FunctionalInterface
  public interface Wait {
    void run() throws InterruptedException;
  }

  /**
   * Runs {@code wait} until it returns, starting it again whenever an interrupt cuts it short;
   * then, if there was an interrupt, sets the thread's interrupt status again for the caller.
   */
  public static void uninterruptibly(Wait wait) {
    boolean interrupted = false;
    while (true) {
      try {
        wait.run();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.cloudsync.core.concurrent;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for tasks run on other threads, with their failures rethrown as they were. */
public final class Futures {
  private Futures() {}

  /**
   * The result, or the task's own exception: its runtime exception or error as it was thrown, a
   * checked one inside an {@link IllegalStateException}.
   */
  public static <T> T join(Future<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Waits for the task to end, however it ends; an interrupt is kept for the caller. */
  public static void await(Future<?> future) {
    Waits.uninterruptibly(
        () -> {
          try {
            future.get();
          } catch (ExecutionException | CancellationException e) {
            // Ended: how is the task's owner's business.
          }
        });
  }
}

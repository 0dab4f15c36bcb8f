package io.cloudsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TransferBudgetTest {
  // A guard against hanging, not a measurement: none of these calls should wait at all.
  private static final Duration GUARD = Duration.ofSeconds(10);

  @Test
  void tryAcquireTakesFreePermitsThenRefusesWithoutWaiting() {
    TransferBudget budget = TransferBudget.of(2);
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          assertThat(budget.tryAcquire()).isTrue();
          assertThat(budget.tryAcquire()).isTrue();
          assertThat(budget.tryAcquire()).isFalse();
          assertThat(budget.tryAcquire()).isFalse();
        });
    assertThat(budget.permits()).isEqualTo(2);
  }

  @Test
  void releaseRestoresAPermit() throws InterruptedException {
    TransferBudget budget = TransferBudget.of(1);
    budget.acquire();
    assertThat(budget.tryAcquire()).isFalse();
    budget.release();
    assertThat(budget.tryAcquire()).isTrue();
    budget.release();
    assertThat(((SemaphoreTransferBudget) budget).available()).isEqualTo(1);
  }

  @Test
  void tryAcquireOnAnInterruptedThreadNeitherThrowsNorClearsTheInterrupt() {
    TransferBudget budget = TransferBudget.of(1);
    Thread.currentThread().interrupt();
    try {
      assertThat(budget.tryAcquire()).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(budget.tryAcquire()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anExtraPartNeverTakesAPermitAheadOfAWaitingTransfer() throws Exception {
    TransferBudget budget = TransferBudget.of(1);
    budget.acquire();
    AtomicBoolean transferStarted = new AtomicBoolean();
    Thread transfer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    budget.acquire();
                    transferStarted.set(true);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    awaitWaiting(transfer);
    budget.release();
    // The freed permit belongs to the waiting transfer: the part gets none, and does not wait.
    assertTimeoutPreemptively(GUARD, () -> assertThat(budget.tryAcquire()).isFalse());
    transfer.join();
    assertThat(transferStarted).isTrue();
  }

  @Test
  void refusesABudgetWithoutPermits() {
    assertThatThrownBy(() -> TransferBudget.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one permit");
  }

  static void awaitWaiting(Thread thread) throws InterruptedException {
    while (thread.getState() != Thread.State.WAITING) {
      if (!thread.isAlive()) {
        throw new AssertionError(thread + " ended instead of waiting");
      }
      Thread.sleep(1);
    }
  }
}

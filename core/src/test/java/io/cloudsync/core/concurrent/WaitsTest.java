package io.cloudsync.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {
  @Test
  void interruptedWaitStartsAgainAndTheInterruptIsKeptForTheCaller() throws Exception {
    Semaphore permit = new Semaphore(0);
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Thread waiter =
        Thread.ofPlatform()
            .start(
                () -> {
                  Waits.uninterruptibly(
                      () -> {
                        attempts.incrementAndGet();
                        waiting.countDown();
                        permit.acquire();
                      });
                  interruptedAfter.set(Thread.currentThread().isInterrupted());
                });
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

    waiter.interrupt();
    while (attempts.get() < 2) {
      Thread.onSpinWait();
    }
    permit.release();
    waiter.join(10_000);

    assertThat(waiter.isAlive()).isFalse();
    assertThat(attempts.get()).isEqualTo(2);
    assertThat(permit.availablePermits()).as("the permit was taken").isZero();
    assertThat(interruptedAfter).isTrue();
  }

  @Test
  void waitThatIsNotInterruptedLeavesTheStatusClear() {
    Waits.uninterruptibly(() -> {});

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}

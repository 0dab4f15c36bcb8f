package io.cloudsync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PartPermitsTest {

  @Test
  void withoutABudgetEveryPartGetsAPermitAtOnce() throws InterruptedException {
    PartPermits parts = PartPermits.unbounded();
    for (int i = 0; i < 100; i++) {
      parts.acquire();
    }
    assertThat(parts.bounded()).isFalse();
  }

  @Test
  void theFirstPartRidesOnTheTransfersPermitAndFurtherPartsTakeSpareOnes() throws Exception {
    SemaphoreTransferBudget budget = (SemaphoreTransferBudget) TransferBudget.of(3);
    budget.acquire(); // the transfer running the upload
    PartPermits parts = PartPermits.within(budget);

    PartPermits.Permit first = parts.acquire();
    assertThat(budget.available()).isEqualTo(2);
    PartPermits.Permit second = parts.acquire();
    PartPermits.Permit third = parts.acquire();
    assertThat(budget.available()).isZero();

    second.release();
    second.release();
    assertThat(budget.available()).isEqualTo(1);
    third.release();
    first.release();
    assertThat(budget.available()).isEqualTo(2);
  }

  @Test
  void withNoSparePermitTheNextPartWaitsForTheUploadsOwnPart() throws Exception {
    TransferBudget budget = TransferBudget.of(1);
    budget.acquire(); // the transfer holds the only permit
    PartPermits parts = PartPermits.within(budget);
    PartPermits.Permit first = parts.acquire();

    AtomicReference<PartPermits.Permit> next = new AtomicReference<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    next.set(parts.acquire());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    TransferBudgetTest.awaitWaiting(reader);
    assertThat(next.get()).isNull();

    first.release();
    assertThat(reader.join(Duration.ofSeconds(30))).isTrue();
    assertThat(next.get()).isNotNull();
    // The budget was never touched: the transfer's permit is still the only one taken.
    assertThat(budget.tryAcquire()).isFalse();
    next.get().release();
    budget.release();
    assertThat(budget.tryAcquire()).isTrue();
  }

  @Test
  void attachingReplacesAndAStaleDetachChangesNothing() {
    AttachedTransferBudget attached = new AttachedTransferBudget();
    assertThat(attached.current()).isEmpty();
    assertThat(attached.forUpload().bounded()).isFalse();

    TransferBudget first = TransferBudget.of(2);
    TransferBudget second = TransferBudget.of(4);
    SupportsTransferBudget.Attachment a = attached.attach(first);
    assertThat(attached.current()).containsSame(first);
    SupportsTransferBudget.Attachment b = attached.attach(second);
    a.close();
    assertThat(attached.current()).containsSame(second);
    assertThat(attached.forUpload().bounded()).isTrue();
    b.close();
    assertThat(attached.current()).isEmpty();
  }
}

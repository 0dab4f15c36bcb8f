package io.cloudsync.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.support.ForwardingBackend;
import io.cloudsync.engine.support.MemoryBackend;
import io.cloudsync.engine.support.SimplePolicies;
import io.cloudsync.storage.AttachedTransferBudget;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.WriteCondition;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's transfer budget reaches the backend, and --checkers bounds the remote checks. */
class RunBudgetTest {
  @TempDir Path tmp;
  final MemoryBackend remote = new MemoryBackend();

  /** A backend that shares a budget, recording what it sees while writing. */
  static final class BudgetSharingBackend extends ForwardingBackend
      implements SupportsTransferBudget {
    final AttachedTransferBudget attached = new AttachedTransferBudget();
    final List<Optional<TransferBudget>> seenByWrites = new CopyOnWriteArrayList<>();
    final List<Boolean> spareWhileWriting = new CopyOnWriteArrayList<>();

    BudgetSharingBackend(io.cloudsync.storage.StorageBackend inner) {
      super(inner);
    }

    @Override
    public Attachment attachTransferBudget(TransferBudget budget) {
      return attached.attach(budget);
    }

    @Override
    public RemoteFile write(
        ObjectKey key, InputStream in, long len, Map<String, String> meta, WriteCondition c) {
      Optional<TransferBudget> budget = attached.current();
      seenByWrites.add(budget);
      budget.ifPresent(
          b -> {
            boolean spare = b.tryAcquire();
            if (spare) {
              b.release();
            }
            spareWhileWriting.add(spare);
          });
      return super.write(key, in, len, meta, c);
    }
  }

  private SyncEngine engine(Path ws, io.cloudsync.storage.StorageBackend backend) {
    return new SyncEngine(ws, backend, new SimplePolicies("keep-both"), Clock.system());
  }

  @Test
  void theRunsBudgetIsAttachedWhileItRunsAndDetachedAfter() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(ws.resolve("f" + i + ".txt"), "content " + i);
    }
    BudgetSharingBackend backend = new BudgetSharingBackend(remote);

    SyncResult result =
        engine(ws, backend).sync(SyncOptions.defaults().withTransfers(3), SyncListener.NONE);

    assertThat(result.uploaded()).isEqualTo(5);
    assertThat(result.errors()).isEmpty();
    assertThat(backend.seenByWrites).hasSize(5);
    assertThat(backend.seenByWrites).allSatisfy(b -> assertThat(b).isPresent());
    assertThat(backend.seenByWrites.stream().map(Optional::get).distinct().toList())
        .singleElement()
        .satisfies(b -> assertThat(b.permits()).isEqualTo(3));
    assertThat(backend.attached.current()).isEmpty();
    assertThat(remote.content("f4.txt"))
        .hasValueSatisfying(c -> assertThat(c).asString(UTF_8).isEqualTo("content 4"));
  }

  @Test
  void theBudgetPassesThroughTheFaultInjectingDecorator() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.writeString(ws.resolve("a.txt"), "a");
    // The testkit's store, whose description the decorator reads.
    BudgetSharingBackend backend =
        new BudgetSharingBackend(new io.cloudsync.testkit.InMemoryBackend());

    engine(ws, io.cloudsync.testkit.FaultInjectingBackend.wrap(backend, 7))
        .sync(SyncOptions.defaults().withTransfers(4), SyncListener.NONE);

    assertThat(backend.seenByWrites)
        .singleElement()
        .satisfies(
            b -> assertThat(b).hasValueSatisfying(t -> assertThat(t.permits()).isEqualTo(4)));
    assertThat(backend.attached.current()).isEmpty();
  }

  @Test
  void eachActionHoldsAPermitOfTheBudgetItsBackendSees() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.writeString(ws.resolve("only.txt"), "one file, one transfer");
    BudgetSharingBackend backend = new BudgetSharingBackend(remote);

    engine(ws, backend).sync(SyncOptions.defaults().withTransfers(1), SyncListener.NONE);

    // With one transfer, the upload's own action holds the only permit: no part could take more.
    assertThat(backend.spareWhileWriting).containsExactly(false);
    assertThat(backend.attached.current()).isEmpty();
  }

  @Test
  void aBackendWithoutParallelPartsSyncsAsBefore() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.writeString(ws.resolve("a.txt"), "a");
    SyncResult result =
        engine(ws, remote).sync(SyncOptions.defaults().withTransfers(2), SyncListener.NONE);
    assertThat(result.uploaded()).isEqualTo(1);
    assertThat(remote.content("a.txt")).isPresent();
  }

  /** Counts the reads whose streams are open at once. */
  static final class ReadCountingBackend extends ForwardingBackend {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    ReadCountingBackend(MemoryBackend inner) {
      super(inner);
    }

    @Override
    public InputStream read(ObjectKey key) {
      InputStream in = super.read(key);
      reads.incrementAndGet();
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      return new FilterInputStream(in) {
        private boolean closed;

        @Override
        public void close() throws IOException {
          if (!closed) {
            closed = true;
            open.decrementAndGet();
          }
          super.close();
        }
      };
    }
  }

  @Test
  void checkersBoundTheReadsThatCompareContentWithoutARecordedHash() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    for (int i = 0; i < 12; i++) {
      byte[] content = ("same on both sides " + i).getBytes(UTF_8);
      Files.write(ws.resolve("f" + i + ".txt"), content);
      remote.plantWithoutHash("f" + i + ".txt", content);
    }
    ReadCountingBackend backend = new ReadCountingBackend(remote);

    SyncResult result =
        engine(ws, backend)
            .sync(SyncOptions.defaults().withTransfers(6).withCheckers(1), SyncListener.NONE);

    // Every key was compared by reading it, one at a time, and found equal: nothing moved.
    assertThat(result.errors()).isEmpty();
    assertThat(result.conflicts()).isZero();
    assertThat(result.uploaded()).isZero();
    assertThat(result.downloaded()).isZero();
    assertThat(backend.reads).hasValue(12);
    assertThat(backend.mostOpen.get()).isEqualTo(1);
    assertThat(
            engine(ws, backend).sync(SyncOptions.defaults(), SyncListener.NONE).plan().stream()
                .filter(op -> op.type() != io.cloudsync.core.SyncOperation.Type.SKIP))
        .isEmpty();
  }
}

package io.cloudsync.engine.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.engine.MaxDelete;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.SyncOptions;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.resilience.RetryPolicy;
import io.cloudsync.engine.resilience.RetryingBackend;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.testkit.FaultInjectingBackend;
import io.cloudsync.testkit.FaultInjectingBackend.Fault;
import io.cloudsync.testkit.InMemoryBackend;
import io.cloudsync.testkit.TreeGenerator;
import io.cloudsync.testkit.TreeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine under a misbehaving store: the in-memory backend behind a counting decorator (what
 * really landed), the fault injector (transient failures, lost answers, latency, broken downloads)
 * and the retrying decorator, composed as a run composes them.
 */
@Timeout(120)
class FaultCampaignTest {
  private static final RetryPolicy QUICK =
      new RetryPolicy(8, Duration.ofMillis(1), 2.0, Duration.ofMillis(20), 0.5);
  private static final SyncOptions OPTIONS =
      SyncOptions.defaults().withMaxDelete(MaxDelete.parse("100%"));

  @TempDir Path tmp;

  private final InMemoryBackend store = new InMemoryBackend();
  private final CountingBackend counted = new CountingBackend(store);
  private final FaultInjectingBackend faults = FaultInjectingBackend.wrap(counted, 6);
  private final RetryingBackend retrying = new RetryingBackend(faults, QUICK);

  private SyncEngine engine(Path workspace, String host) {
    Clock clock = Clock.system();
    return new SyncEngine(
        workspace,
        retrying,
        new ResolverPolicies(StrategyRules.always(ConflictStrategy.KEEP_BOTH), host, clock),
        clock);
  }

  private void hostile() {
    faults
        .transientFailures(0.20)
        .lostResponses(0.05)
        .truncatedReads(0.10)
        .latencyUpTo(Duration.ofMillis(2));
  }

  /** Generates {@code files} files and deals every second one to the second workspace. */
  private static void splitTree(int files, Path a, Path b) throws IOException {
    TreeGenerator.generate(TreeSpec.of(files, 40, 61).withSizes(64, 2048), a);
    List<Path> all;
    try (Stream<Path> walk = Files.walk(a)) {
      all = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (int i = 1; i < all.size(); i += 2) {
      Path target = b.resolve(a.relativize(all.get(i)).toString());
      Files.createDirectories(target.getParent());
      Files.move(all.get(i), target);
    }
  }

  /** Syncs both workspaces in turn until a round of both plans nothing; returns every result. */
  private List<SyncResult> converge(SyncEngine a, SyncEngine b) {
    List<SyncResult> results = new ArrayList<>();
    for (int round = 0; round < 8; round++) {
      SyncResult ra = a.sync(OPTIONS, SyncListener.NONE);
      SyncResult rb = b.sync(OPTIONS, SyncListener.NONE);
      results.add(ra);
      results.add(rb);
      if (round > 0 && ra.plan().isEmpty() && rb.plan().isEmpty()) {
        return results;
      }
    }
    throw new AssertionError("no convergence after 8 rounds; last results: " + results);
  }

  @Test
  void twoThousandFilesConvergeUnderTransientFaultsWithNoUploadBeyondWhatRetriesExplain()
      throws IOException {
    Path a = tmp.resolve("a");
    Path b = Files.createDirectories(tmp.resolve("b"));
    splitTree(2000, a, b);
    Map<String, String> expected = new TreeMap<>(Trees.local(a));
    expected.putAll(Trees.local(b));
    assertThat(expected).hasSize(2000);
    hostile();

    List<SyncResult> results = converge(engine(a, "box-a"), engine(b, "box-b"));

    assertThat(Trees.local(a)).isEqualTo(expected);
    assertThat(Trees.local(b)).isEqualTo(expected);
    assertThat(Trees.remote(store)).isEqualTo(expected);
    assertThat(Trees.journalMismatches(a, store)).isEmpty();
    assertThat(Trees.journalMismatches(b, store)).isEmpty();
    assertThat(faults.injected(Fault.TRANSIENT)).as("transient faults injected").isPositive();
    assertThat(faults.injected(Fault.LOST_RESPONSE)).as("answers lost").isPositive();
    assertThat(faults.injected(Fault.TRUNCATED_READ)).as("downloads broken").isPositive();
    assertThat(retrying.retriedCalls()).isPositive();

    long uploads = results.stream().mapToLong(SyncResult::uploaded).sum();
    Map<String, Integer> writes = counted.writesPerKey();
    assertThat(writes.keySet()).isEqualTo(expected.keySet());
    long extraWrites = writes.values().stream().mapToLong(n -> n - 1).sum();
    // A write lands more than once only when its answer was lost and it was sent again.
    assertThat(extraWrites).isLessThanOrEqualTo(faults.injected(Fault.LOST_RESPONSE));
    assertThat(counted.totalWrites())
        .as("writes that landed: the uploads the runs counted plus those whose answer was lost")
        .isBetween(uploads, uploads + faults.injected(Fault.LOST_RESPONSE));
    assertThat(counted.totalDeletes()).isZero();
    System.out.printf(
        "fault campaign: %d files, %d sync runs, %d uploads counted, %d writes landed"
            + " (%d beyond one per key), %d transient faults, %d lost answers, %d broken"
            + " downloads, %d calls retried (%d retries)%n",
        expected.size(),
        results.size(),
        uploads,
        counted.totalWrites(),
        extraWrites,
        faults.injected(Fault.TRANSIENT),
        faults.injected(Fault.LOST_RESPONSE),
        faults.injected(Fault.TRUNCATED_READ),
        retrying.retriedCalls(),
        retrying.retries());
  }

  @Test
  void aBackendLostForGoodEndsTheRunAsUnreachableWithAConsistentJournalAndTheNextRunFinishes()
      throws IOException {
    Path a = tmp.resolve("a");
    Path b = Files.createDirectories(tmp.resolve("b"));
    splitTree(1000, a, b);
    Map<String, String> expected = new TreeMap<>(Trees.local(a));
    expected.putAll(Trees.local(b));
    SyncEngine engineA = engine(a, "box-a");
    SyncEngine engineB = engine(b, "box-b");
    hostile();
    engineB.sync(OPTIONS, SyncListener.NONE);

    faults.unreachableAfter(400);
    assertThatThrownBy(() -> engineA.sync(OPTIONS, SyncListener.NONE))
        .isInstanceOf(BackendUnreachableException.class);
    assertThat(faults.injected(Fault.UNREACHABLE)).isPositive();
    faults.unreachable(false);
    assertThat(Trees.journalMismatches(a, store)).isEmpty();
    assertThat(Trees.journalMismatches(b, store)).isEmpty();
    assertThat(Trees.local(a))
        .as("nothing lost in the workspace")
        .containsAllEntriesOf(localA(expected, b));

    converge(engineA, engineB);

    assertThat(Trees.local(a)).isEqualTo(expected);
    assertThat(Trees.local(b)).isEqualTo(expected);
    assertThat(Trees.remote(store)).isEqualTo(expected);
    assertThat(Trees.journalMismatches(a, store)).isEmpty();
    assertThat(Trees.journalMismatches(b, store)).isEmpty();
  }

  /** The files that started in the first workspace: all of them but those dealt to {@code b}. */
  private static Map<String, String> localA(Map<String, String> all, Path b) throws IOException {
    Map<String, String> out = new TreeMap<>(all);
    out.keySet().removeAll(Trees.local(b).keySet());
    return out;
  }
}

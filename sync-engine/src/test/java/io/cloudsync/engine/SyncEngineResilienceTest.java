package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.resilience.BandwidthLimit;
import io.cloudsync.engine.resilience.RetryPolicy;
import io.cloudsync.engine.resilience.RetryingBackend;
import io.cloudsync.engine.support.SimplePolicies;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.testkit.FaultInjectingBackend;
import io.cloudsync.testkit.InMemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's retries, bandwidth limit and checkers, wired through {@link SyncEngine#sync}. */
class SyncEngineResilienceTest {
  private static final RetryPolicy QUICK =
      new RetryPolicy(10, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), 0.5);
  private static final int FILES = 30;

  @TempDir Path tmp;

  private final InMemoryBackend store = new InMemoryBackend();

  private SyncResult sync(Path ws, StorageBackend backend, SyncOptions options) {
    return new SyncEngine(ws, backend, new SimplePolicies("keep-both"), Clock.system())
        .sync(options.withMaxDelete(MaxDelete.parse("100%")), SyncListener.NONE);
  }

  private Path workspaceWithFiles() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(ws.resolve("file-" + i + ".txt"), "content " + i);
    }
    return ws;
  }

  private String remote(String key) throws IOException {
    try (InputStream in = store.read(ObjectKey.of(key))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void transientFaultsAreRetriedAndTheResultCountsTheRetriedCalls() throws IOException {
    Path ws = workspaceWithFiles();
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 3).transientFailures(0.3);

    SyncResult result = sync(ws, faulty, SyncOptions.defaults().withRetry(QUICK));

    assertThat(result.errors()).isEmpty();
    assertThat(result.uploaded()).isEqualTo(FILES);
    assertThat(faulty.injected(FaultInjectingBackend.Fault.TRANSIENT)).isPositive();
    assertThat(result.retried()).isPositive();
    for (int i = 0; i < FILES; i++) {
      assertThat(remote("file-" + i + ".txt")).isEqualTo("content " + i);
    }
  }

  @Test
  void withoutRetriesTransientFaultsFailTheirActionsAndNothingIsCountedAsRetried()
      throws IOException {
    Path ws = workspaceWithFiles();
    // seed 4: the run's listing draws clear of the fault rate, its uploads mostly do not
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 4);
    RetryingBackend noRetry = new RetryingBackend(faulty, RetryPolicy.none());
    SyncResult dry = sync(ws, noRetry, SyncOptions.defaults().withDryRun(true));
    assertThat(dry.retried()).isZero();
    faulty.transientFailures(0.5);

    SyncResult result = sync(ws, noRetry, SyncOptions.defaults().withRetry(QUICK));

    assertThat(result.retried())
        .as("the engine keeps the policy of a backend that already retries")
        .isZero();
    assertThat(result.errors()).isNotEmpty().allMatch(e -> e.contains("(injected)"));
  }

  @Test
  void anUnreachableRemoteEndsTheRunNamingItAndTheNextRunFinishes() throws IOException {
    Path ws = workspaceWithFiles();
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 5).unreachable(true);

    assertThatThrownBy(() -> sync(ws, faulty, SyncOptions.defaults().withRetry(QUICK)))
        .isInstanceOf(BackendUnreachableException.class)
        .hasMessageStartingWith("mem://")
        .hasMessageContaining("connection refused");

    faulty.unreachable(false);
    SyncResult next = sync(ws, faulty, SyncOptions.defaults().withRetry(QUICK));
    assertThat(next.errors()).isEmpty();
    assertThat(next.uploaded()).isEqualTo(FILES);
  }

  @Test
  void aBandwidthLimitAndOneCheckerStillMoveEveryByteBothWays() throws IOException {
    Path ws = workspaceWithFiles();
    SyncOptions options =
        SyncOptions.defaults()
            .withCheckers(1)
            .withBandwidth(BandwidthLimit.parse("64M:32M"))
            .withRetry(RetryPolicy.none());

    assertThat(sync(ws, store, options).uploaded()).isEqualTo(FILES);
    Path other = Files.createDirectories(tmp.resolve("other"));
    SyncResult down = sync(other, store, options);

    assertThat(down.downloaded()).isEqualTo(FILES);
    assertThat(down.bytesDownloaded()).isEqualTo(sizeOf(ws));
    for (int i = 0; i < FILES; i++) {
      assertThat(Files.readString(other.resolve("file-" + i + ".txt"))).isEqualTo("content " + i);
    }
  }

  @Test
  void checkersMustBeAtLeastOne() {
    assertThatThrownBy(() -> SyncOptions.defaults().withCheckers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--checkers");
  }

  private static long sizeOf(Path ws) throws IOException {
    long total = 0;
    for (int i = 0; i < FILES; i++) {
      total += Files.size(ws.resolve("file-" + i + ".txt"));
    }
    return total;
  }
}

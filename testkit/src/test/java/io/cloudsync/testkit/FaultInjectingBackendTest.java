package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.FaultInjectingBackend.Fault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FaultInjectingBackendTest {
  private static final ObjectKey KEY = ObjectKey.of("docs/a.txt");

  private final InMemoryBackend store = new InMemoryBackend();

  private static RemoteFile put(StorageBackend backend, ObjectKey key, byte[] bytes) {
    return backend.write(
        key, new ByteArrayInputStream(bytes), bytes.length, Map.of(), WriteCondition.UNCONDITIONAL);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void injectsNothingUntilToldTo() throws IOException {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1);

    put(faulty, KEY, utf8("calm"));

    try (InputStream in = faulty.read(KEY)) {
      assertThat(in.readAllBytes()).isEqualTo(utf8("calm"));
    }
    assertThat(faulty.calls()).isEqualTo(2);
    for (Fault fault : Fault.values()) {
      assertThat(faulty.injected(fault)).as(fault.name()).isZero();
    }
  }

  @Test
  void aTransientFailureHappensBeforeTheStoreIsTouched() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1).transientFailures(1.0);

    assertThatThrownBy(() -> put(faulty, KEY, utf8("lost")))
        .isInstanceOf(TransientStorageException.class)
        .hasMessage("mem://" + store.name() + "/docs/a.txt: connection reset (injected)")
        .matches(e -> ((StorageException) e).isRetryable());

    assertThat(store.stat(KEY)).isEmpty();
    assertThat(faulty.injected(Fault.TRANSIENT)).isEqualTo(1);
  }

  @Test
  void throttlingIsRetryableAndNamesTheLocation() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1).throttling(1.0);

    assertThatThrownBy(() -> faulty.stat(KEY))
        .isInstanceOf(ThrottledException.class)
        .hasMessageStartingWith(store.location(KEY) + ": ")
        .matches(e -> ((StorageException) e).isRetryable());
    assertThat(faulty.injected(Fault.THROTTLED)).isEqualTo(1);
  }

  @Test
  void failsAboutTheGivenShareOfCallsAndTheSameSeedRepeatsThePattern() {
    List<Boolean> first = failurePattern(42);
    List<Boolean> second = failurePattern(42);
    List<Boolean> other = failurePattern(43);

    long failed = first.stream().filter(f -> f).count();
    assertThat(failed).isBetween(250L, 350L);
    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private List<Boolean> failurePattern(long seed) {
    FaultInjectingBackend faulty =
        FaultInjectingBackend.wrap(new InMemoryBackend(), seed)
            .transientFailures(0.2)
            .throttling(0.1);
    List<Boolean> pattern = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      try {
        faulty.stat(KEY);
        pattern.add(false);
      } catch (TransientStorageException | ThrottledException e) {
        pattern.add(true);
      }
    }
    assertThat(faulty.injected(Fault.TRANSIENT) + faulty.injected(Fault.THROTTLED))
        .isEqualTo(pattern.stream().filter(f -> f).count());
    assertThat(faulty.injected(Fault.TRANSIENT)).isGreaterThan(faulty.injected(Fault.THROTTLED));
    return pattern;
  }

  @Test
  void aLostResponseMakesTheChangeButReportsAFailure() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1).lostResponses(1.0);

    assertThatThrownBy(() -> put(faulty, KEY, utf8("written anyway")))
        .isInstanceOf(TransientStorageException.class)
        .hasMessageContaining("the change was made");

    assertThat(store.stat(KEY)).isPresent();
    assertThatThrownBy(() -> faulty.delete(KEY, WriteCondition.UNCONDITIONAL))
        .isInstanceOf(TransientStorageException.class);
    assertThat(store.stat(KEY)).isEmpty();
    assertThat(faulty.injected(Fault.LOST_RESPONSE)).isEqualTo(2);
  }

  @Test
  void delaysCallsByUpToTheBound() {
    FaultInjectingBackend faulty =
        FaultInjectingBackend.wrap(store, 1).latencyUpTo(Duration.ofMillis(20));

    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      faulty.stat(KEY);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(faulty.injected(Fault.LATENCY)).isEqualTo(20);
    assertThat(took).isGreaterThan(Duration.ofMillis(40)).isLessThan(Duration.ofMillis(2000));
  }

  @Test
  void aTruncatedReadFailsPartWayLikeAResetConnection() {
    byte[] content = new byte[100_000];
    put(store, KEY, content);
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 7).truncatedReads(1.0);

    long[] got = new long[1];
    assertThatThrownBy(
            () -> {
              try (InputStream in = faulty.read(KEY)) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  got[0] += n;
                }
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Connection reset");

    assertThat(got[0]).isLessThan(content.length);
    assertThat(faulty.injected(Fault.TRUNCATED_READ)).isEqualTo(1);
  }

  @Test
  void aTruncatedRangedReadStopsInsideTheRange() {
    put(store, KEY, new byte[10_000]);
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 3).truncatedReads(1.0);

    assertThatThrownBy(
            () -> {
              try (InputStream in = faulty.read(KEY, new ByteRange(1000, 5000))) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);
    assertThat(faulty.injected(Fault.TRUNCATED_READ)).isEqualTo(1);
  }

  @Test
  void theUnreachableSwitchFailsEveryCallUntilFlippedBack() {
    put(store, KEY, utf8("still here"));
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1).unreachable(true);

    assertThatThrownBy(() -> faulty.stat(KEY))
        .isInstanceOf(BackendUnreachableException.class)
        .hasMessage(store.location(KEY) + ": connection refused (injected)");
    assertThatThrownBy(() -> faulty.list("")).isInstanceOf(BackendUnreachableException.class);
    assertThatThrownBy(() -> put(faulty, KEY, utf8("x")))
        .isInstanceOf(BackendUnreachableException.class);
    assertThat(faulty.describe().health()).isEqualTo(BackendDescription.Health.UNREACHABLE);
    assertThat(faulty.injected(Fault.UNREACHABLE)).isEqualTo(3);

    faulty.unreachable(false);

    assertThat(faulty.stat(KEY)).isPresent();
    assertThat(faulty.describe().health()).isEqualTo(BackendDescription.Health.CONNECTED);
  }

  @Test
  void failsForGoodAfterTheGivenNumberOfCalls() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1).unreachableAfter(3);

    for (int i = 0; i < 3; i++) {
      assertThat(faulty.stat(KEY)).isEmpty();
    }
    assertThat(faulty.isUnreachable()).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> faulty.stat(KEY)).isInstanceOf(BackendUnreachableException.class);
    }
    assertThat(faulty.injected(Fault.UNREACHABLE)).isEqualTo(5);
  }

  @Test
  void offersCopyOnlyWhenTheDelegateDoes() {
    StorageBackend plain =
        new StorageBackend() {
          @Override
          public Stream<io.cloudsync.core.ListEntry> listEntries(String prefix) {
            return Stream.empty();
          }

          @Override
          public Optional<RemoteFile> stat(ObjectKey key) {
            return Optional.empty();
          }

          @Override
          public InputStream read(ObjectKey key) {
            throw new AssertionError("not called by this test");
          }

          @Override
          public InputStream read(ObjectKey key, ByteRange range) {
            throw new AssertionError("not called by this test");
          }

          @Override
          public RemoteFile write(
              ObjectKey k, InputStream c, long l, Map<String, String> m, WriteCondition w) {
            throw new AssertionError("not called by this test");
          }

          @Override
          public void delete(ObjectKey key, WriteCondition condition) {}

          @Override
          public BackendDescription describe() {
            return store.describe();
          }

          @Override
          public String location(ObjectKey key) {
            return "plain:" + key;
          }
        };

    assertThat(FaultInjectingBackend.wrap(plain, 1)).isNotInstanceOf(SupportsCopy.class);
    assertThat(FaultInjectingBackend.wrap(store, 1)).isInstanceOf(SupportsCopy.class);
  }

  @Test
  void copiesThroughTheDelegateAndCanLoseTheAnswer() {
    put(store, KEY, utf8("original"));
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1);
    ObjectKey target = ObjectKey.of("docs/b.txt");

    ((SupportsCopy) faulty).copy(KEY, target, WriteCondition.IF_ABSENT);
    faulty.lostResponses(1.0);

    assertThat(store.stat(target)).isPresent();
    assertThatThrownBy(
            () -> ((SupportsCopy) faulty).copy(KEY, ObjectKey.of("c"), WriteCondition.IF_ABSENT))
        .isInstanceOf(TransientStorageException.class);
    assertThat(store.stat(ObjectKey.of("c"))).isPresent();
  }

  @Test
  void refusesRatesOutsideZeroToOne() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1);

    assertThatThrownBy(() -> faulty.transientFailures(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate is between 0 and 1, got 1.5");
    assertThatThrownBy(() -> faulty.truncatedReads(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

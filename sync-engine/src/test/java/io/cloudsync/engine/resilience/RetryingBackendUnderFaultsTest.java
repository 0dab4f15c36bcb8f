package io.cloudsync.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.FaultInjectingBackend;
import io.cloudsync.testkit.FaultInjectingBackend.Fault;
import io.cloudsync.testkit.InMemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The retrying decorator over the testkit's fault-injecting backend. */
class RetryingBackendUnderFaultsTest {
  private static final RetryPolicy PATIENT =
      RetryPolicy.DEFAULT
          .withAttempts(10)
          .withInitialDelay(Duration.ofMillis(1))
          .withMaxDelay(Duration.ofMillis(4));

  private final InMemoryBackend store = new InMemoryBackend().withPageSize(7);

  private static byte[] content(int i) {
    byte[] bytes = new byte[100 + i * 37];
    new Random(i).nextBytes(bytes);
    return bytes;
  }

  @Test
  void everyWriteReadAndListingSucceedsThroughTransientFaultsThrottlingAndTruncatedReads()
      throws IOException {
    FaultInjectingBackend faulty =
        FaultInjectingBackend.wrap(store, 42)
            .transientFailures(0.2)
            .throttling(0.1)
            .truncatedReads(0.3)
            .lostResponses(0.1);
    RetryingBackend backend = new RetryingBackend(faulty, PATIENT);
    int count = 120;

    for (int i = 0; i < count; i++) {
      byte[] bytes = content(i);
      backend.write(
          ObjectKey.of("dir" + (i % 5) + "/f" + i),
          ReplayableContent.ofBytes(bytes),
          bytes.length,
          Map.of(),
          WriteCondition.UNCONDITIONAL);
    }
    Set<String> listed =
        backend.list("").map(file -> file.key().value()).collect(Collectors.toSet());
    for (int i = 0; i < count; i++) {
      try (InputStream in = backend.read(ObjectKey.of("dir" + (i % 5) + "/f" + i))) {
        assertThat(in.readAllBytes()).as("f" + i).isEqualTo(content(i));
      }
    }

    assertThat(listed).hasSize(count);
    assertThat(store.objectCount()).isEqualTo(count);
    assertThat(faulty.injected(Fault.TRANSIENT)).isPositive();
    assertThat(faulty.injected(Fault.THROTTLED)).isPositive();
    assertThat(faulty.injected(Fault.TRUNCATED_READ)).isPositive();
    assertThat(faulty.injected(Fault.LOST_RESPONSE)).isPositive();
    assertThat(backend.retriedCalls()).isPositive();
  }

  @Test
  void listedFilesAreReadWholeDespiteTruncation() throws IOException {
    for (int i = 0; i < 30; i++) {
      byte[] bytes = content(i * 10);
      store.write(
          ObjectKey.of("f" + i),
          new java.io.ByteArrayInputStream(bytes),
          bytes.length,
          Map.of(),
          WriteCondition.UNCONDITIONAL);
    }
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 7).truncatedReads(0.5);
    RetryingBackend backend = new RetryingBackend(faulty, PATIENT);

    Set<String> seen = new TreeSet<>();
    for (RemoteFile file : backend.list("").toList()) {
      try (InputStream in = backend.read(file)) {
        assertThat(in.readAllBytes()).hasSize((int) file.size());
      }
      seen.add(file.key().value());
    }
    assertThat(seen).hasSize(30);
    assertThat(faulty.injected(Fault.TRUNCATED_READ)).isPositive();
  }

  @Test
  void aConditionalWriteWhoseAnswerIsLostReportsAPreconditionFailureAndKeepsTheContent() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 1).lostResponses(1.0);
    RetryingBackend backend = new RetryingBackend(faulty, PATIENT);
    byte[] bytes = content(3);

    assertThatThrownBy(
            () ->
                backend.write(
                    ObjectKey.of("new.txt"),
                    ReplayableContent.ofBytes(bytes),
                    bytes.length,
                    Map.of(),
                    WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(store.stat(ObjectKey.of("new.txt")))
        .map(RemoteFile::size)
        .hasValue((long) bytes.length);
  }

  @Test
  void aBackendThatGoesAwayForGoodFailsAtOnceAsUnreachable() {
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 3).unreachableAfter(2);
    RetryingBackend backend = new RetryingBackend(faulty, PATIENT);
    backend.stat(ObjectKey.of("a"));
    backend.stat(ObjectKey.of("b"));

    assertThatThrownBy(() -> backend.stat(ObjectKey.of("c")))
        .isInstanceOf(BackendUnreachableException.class)
        .hasMessageEndingWith(": connection refused (injected)");
    assertThat(faulty.calls()).isEqualTo(3);
    assertThat(backend.retriedCalls()).isZero();
  }

  @Test
  void copyGoesThroughTheFaultsToo() {
    byte[] bytes = content(9);
    store.write(
        ObjectKey.of("src"),
        new java.io.ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
    FaultInjectingBackend faulty = FaultInjectingBackend.wrap(store, 5).transientFailures(0.5);
    assertThat(faulty).isInstanceOf(SupportsCopy.class);
    RetryingBackend backend = new RetryingBackend(faulty, PATIENT);

    for (int i = 0; i < 10; i++) {
      backend.copy(ObjectKey.of("src"), ObjectKey.of("copy" + i), WriteCondition.UNCONDITIONAL);
    }
    assertThat(store.objectCount()).isEqualTo(11);
    assertThat(backend.retriedCalls()).isPositive();
  }
}

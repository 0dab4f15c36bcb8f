package io.cloudsync.engine.resilience;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.UnsupportedFeatureException;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RetryingBackendTest {
  private static final RetryPolicy FAST =
      RetryPolicy.DEFAULT
          .withAttempts(3)
          .withInitialDelay(Duration.ofMillis(1))
          .withMaxDelay(Duration.ofMillis(2));
  private static final ObjectKey KEY = ObjectKey.of("docs/a.bin");
  private static final String LOCATION = "mem://scripted/docs/a.bin";

  private final ScriptedBackend scripted = new CopyingBackend();
  private final RetryingBackend backend = new RetryingBackend(scripted, FAST);

  /** The scripted backend with server-side copy and bucket creation. */
  static final class CopyingBackend extends ScriptedBackend
      implements SupportsCopy, SupportsBucketCreation {
    int copies;
    int bucketsCreated;

    @Override
    public synchronized RemoteFile copy(
        ObjectKey source, ObjectKey target, WriteCondition condition) {
      copies++;
      if (copies == 1) {
        throw transientFault();
      }
      return put(target.value(), content(source.value()));
    }

    @Override
    public synchronized boolean createBucket() {
      bucketsCreated++;
      if (bucketsCreated == 1) {
        throw new ThrottledException("mem://scripted", "slow down");
      }
      return true;
    }
  }

  private static TransientStorageException transientFault() {
    return new TransientStorageException(LOCATION, "503 service unavailable");
  }

  private static TransientStorageException connectionRefused() {
    return new TransientStorageException(
        LOCATION, "connection refused", new ConnectException("Connection refused"));
  }

  private static byte[] bytes(int size) {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return content;
  }

  @Test
  void retriesATransientFailureUntilTheCallSucceeds() {
    scripted.put(KEY.value(), bytes(10));
    scripted.failNext("stat", transientFault(), transientFault());

    assertThat(backend.stat(KEY)).map(RemoteFile::size).hasValue(10L);
    assertThat(scripted.calls("stat")).isEqualTo(3);
    assertThat(backend.retriedCalls()).isEqualTo(1);
    assertThat(backend.retries()).isEqualTo(2);
  }

  @Test
  void retriesThrottling() {
    scripted.failNext("delete", new ThrottledException(LOCATION, "429 too many requests"));
    scripted.put(KEY.value(), bytes(1));

    backend.delete(KEY, WriteCondition.UNCONDITIONAL);

    assertThat(scripted.objects).isEmpty();
    assertThat(scripted.calls("delete")).isEqualTo(2);
  }

  @Test
  void neverRetriesCredentialsNotFoundPreconditionOrInvalidInput() {
    List<StorageException> permanent =
        List.of(
            new AccessDeniedException(LOCATION, "credentials rejected"),
            new NotFoundException(LOCATION, "not found"),
            new PreconditionFailedException(LOCATION, "precondition failed"),
            new InvalidKeyException(LOCATION, "key is invalid"));
    for (StorageException failure : permanent) {
      ScriptedBackend fresh = new ScriptedBackend().failNext("stat", failure);
      RetryingBackend retrying = new RetryingBackend(fresh, FAST);
      assertThatThrownBy(() -> retrying.stat(KEY)).isSameAs(failure);
      assertThat(fresh.calls("stat")).as(failure.getClass().getSimpleName()).isEqualTo(1);
      assertThat(retrying.retriedCalls()).isZero();
    }
  }

  @Test
  void givesUpAfterTheAttemptsWithTheLastTransientError() {
    TransientStorageException fault = transientFault();
    scripted.failAlways("stat", fault);

    assertThatThrownBy(() -> backend.stat(KEY)).isSameAs(fault);
    assertThat(scripted.calls("stat")).isEqualTo(3);
  }

  @Test
  void throttlingThatOutlastsTheRetriesStaysThrottling() {
    scripted.failAlways("stat", new ThrottledException(LOCATION, "slow down"));

    assertThatThrownBy(() -> backend.stat(KEY))
        .isInstanceOf(ThrottledException.class)
        .hasMessage(LOCATION + ": slow down");
  }

  @Test
  void connectionFailuresThatOutlastTheRetriesMeanTheBackendIsUnreachable() {
    scripted.failAlways("stat", connectionRefused());

    assertThatThrownBy(() -> backend.stat(KEY))
        .isInstanceOf(BackendUnreachableException.class)
        .hasMessage(LOCATION + ": unreachable after 3 attempts (connection refused)")
        .hasCauseInstanceOf(TransientStorageException.class);
    assertThat(scripted.calls("stat")).isEqualTo(3);
  }

  @Test
  void aSingleAttemptPolicyNeverRetries() {
    RetryingBackend once = new RetryingBackend(scripted, RetryPolicy.none());
    scripted.failNext("stat", transientFault());

    assertThatThrownBy(() -> once.stat(KEY)).isInstanceOf(TransientStorageException.class);
    assertThat(scripted.calls("stat")).isEqualTo(1);
    assertThat(once.retriedCalls()).isZero();
  }

  @Test
  void replayableWriteIsRetriedWithAFreshStreamEachTime() {
    byte[] content = bytes(5000);
    AtomicInteger opens = new AtomicInteger();
    ReplayableContent source =
        () -> {
          opens.incrementAndGet();
          return new ByteArrayInputStream(content);
        };
    scripted.failNext("write", transientFault(), transientFault());

    RemoteFile written =
        backend.write(KEY, source, content.length, Map.of(), WriteCondition.IF_ABSENT);

    assertThat(written.size()).isEqualTo(5000);
    assertThat(scripted.content(KEY.value())).isEqualTo(content);
    assertThat(opens).hasValue(3);
    assertThat(backend.retriedCalls()).isEqualTo(1);
  }

  @Test
  void oneShotStreamWriteIsRetriedWhileNoByteWasRead() {
    byte[] content = "hello".getBytes(UTF_8);
    scripted.failNext("write", transientFault());

    backend.write(
        KEY, new ByteArrayInputStream(content), content.length, Map.of(), WriteCondition.IF_ABSENT);

    assertThat(scripted.content(KEY.value())).isEqualTo(content);
    assertThat(scripted.calls("write")).isEqualTo(2);
  }

  @Test
  void oneShotStreamWriteIsNotRetriedOnceBytesWereRead() {
    TransientStorageException fault = transientFault();
    RetryingBackend retrying =
        new RetryingBackend(
            new ScriptedBackend() {
              @Override
              public RemoteFile write(
                  ObjectKey key,
                  InputStream content,
                  long length,
                  Map<String, String> metadata,
                  WriteCondition condition) {
                try {
                  content.readNBytes(3);
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
                throw fault;
              }
            },
            FAST);

    assertThatThrownBy(
            () ->
                retrying.write(
                    KEY,
                    new ByteArrayInputStream(bytes(10)),
                    10,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isSameAs(fault);
    assertThat(retrying.retriedCalls()).isZero();
  }

  @Test
  void conditionalWriteWhoseAnswerWasLostMeetsItselfAsAPreconditionFailure() {
    byte[] content = bytes(10);
    RetryingBackend retrying =
        new RetryingBackend(
            new ScriptedBackend() {
              private boolean answered;

              @Override
              public synchronized RemoteFile write(
                  ObjectKey key,
                  InputStream in,
                  long length,
                  Map<String, String> metadata,
                  WriteCondition condition) {
                RemoteFile stored = super.write(key, in, length, metadata, condition);
                if (!answered) {
                  answered = true;
                  throw transientFault();
                }
                return stored;
              }
            },
            FAST);

    assertThatThrownBy(
            () ->
                retrying.write(
                    KEY,
                    ReplayableContent.ofBytes(content),
                    content.length,
                    Map.of(),
                    WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(((ScriptedBackend) retrying.delegate()).content(KEY.value())).isEqualTo(content);
  }

  @Test
  void unreadableLocalSourceIsNotRetried() {
    java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/cloudsync/source.bin");
    assertThatThrownBy(
            () ->
                backend.write(
                    KEY,
                    ReplayableContent.ofFile(missing),
                    1,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(io.cloudsync.storage.LocalIoException.class)
        .hasMessageStartingWith(missing + ": cannot be read");
    assertThat(scripted.calls("write")).isZero();
  }

  @Test
  void readResumesFromTheByteReachedAfterABrokenConnection() throws IOException {
    byte[] content = bytes(10_000);
    scripted.put(KEY.value(), content);
    scripted.breakReadsAfter(1000, 2500);

    try (InputStream in = backend.read(KEY)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(scripted.rangedReads)
        .containsExactly(new ByteRange(1000, 9000), new ByteRange(3500, 6500));
    assertThat(backend.retriedCalls()).isEqualTo(2);
  }

  @Test
  void readOfAListedFileResumesWhenTheStreamEndsEarly() throws IOException {
    byte[] content = bytes(4096);
    RemoteFile listed = scripted.put(KEY.value(), content);
    scripted.endReadsEarlyAfter(100);

    try (InputStream in = backend.read(listed)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(scripted.rangedReads).containsExactly(new ByteRange(100, 3996));
    assertThat(scripted.calls("stat")).as("only to check the version before resuming").isEqualTo(1);
  }

  @Test
  void readRefusesToSpliceTwoVersions() throws IOException {
    RemoteFile listed = scripted.put(KEY.value(), bytes(2000));
    scripted.breakReadsAfter(500);

    try (InputStream in = backend.read(listed)) {
      in.readNBytes(500);
      scripted.put(KEY.value(), bytes(3000));
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(PreconditionFailedException.class)
          .hasMessage(LOCATION + ": changed while being read; not resumed");
    }
  }

  @Test
  void readGivesUpAfterTooManyBreaksWithoutProgress() throws IOException {
    byte[] content = bytes(1000);
    scripted.put(KEY.value(), content);
    scripted.breakReadsAfter(200, 0, 0, 0);

    try (InputStream in = backend.read(KEY)) {
      assertThat(in.readNBytes(200)).isEqualTo(java.util.Arrays.copyOf(content, 200));
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(TransientStorageException.class)
          .hasMessage(LOCATION + ": read broke off at byte 200 (connection reset)");
    }
    assertThat(scripted.rangedReads).hasSize(2);
  }

  @Test
  void rangedReadResumesWithinItsRange() throws IOException {
    byte[] content = bytes(10_000);
    scripted.put(KEY.value(), content);
    scripted.breakReadsAfter(300);

    try (InputStream in = backend.read(KEY, new ByteRange(2000, 1000))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 2000, 3000));
    }
    assertThat(scripted.rangedReads)
        .containsExactly(new ByteRange(2000, 1000), new ByteRange(2300, 700));
  }

  @Test
  void readOfAMissingKeyFailsWithTheBackendsNotFound() {
    assertThatThrownBy(() -> backend.read(KEY))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(LOCATION + ": not found");
    assertThat(scripted.calls("read")).isEqualTo(1);
  }

  @Test
  void openingAReadIsRetried() throws IOException {
    byte[] content = bytes(10);
    scripted.put(KEY.value(), content);
    scripted.failNext("read", transientFault());

    try (InputStream in = backend.read(KEY)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void listingThatFailsPartWayStartsAgainWithoutDuplicates() {
    for (int i = 0; i < 10; i++) {
      scripted.put("k" + i, bytes(i + 1));
    }
    scripted.failListingAfter(4, transientFault());

    List<String> keys;
    try (Stream<ListEntry> listing = backend.listEntries("")) {
      keys = listing.map(entry -> ((RemoteFile) entry).key().value()).toList();
    }
    assertThat(keys).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
    assertThat(scripted.calls("list")).isEqualTo(2);
    assertThat(backend.retriedCalls()).isEqualTo(1);
  }

  @Test
  void listingFailingForGoodPassesTheErrorOn() {
    scripted.put("k", bytes(1));
    scripted.failAlways("list", connectionRefused());

    assertThatThrownBy(() -> backend.list("").toList())
        .isInstanceOf(BackendUnreachableException.class);
  }

  @Test
  void copyAndBucketCreationAreDelegatedAndRetried() {
    byte[] content = bytes(64);
    scripted.put("src.bin", content);

    backend.copy(ObjectKey.of("src.bin"), KEY, WriteCondition.IF_ABSENT);
    assertThat(backend.createBucket()).isTrue();

    assertThat(scripted.content(KEY.value())).isEqualTo(content);
    assertThat(((CopyingBackend) scripted).copies).isEqualTo(2);
    assertThat(((CopyingBackend) scripted).bucketsCreated).isEqualTo(2);
    assertThat(backend.supportsCopy()).isTrue();
    assertThat(backend.supportsBucketCreation()).isTrue();
  }

  @Test
  void copyAndBucketCreationFailClearlyWhenTheDelegateLacksThem() {
    RetryingBackend plain = new RetryingBackend(new ScriptedBackend(), FAST);

    assertThat(plain.supportsCopy()).isFalse();
    assertThatThrownBy(() -> plain.copy(ObjectKey.of("s"), KEY, WriteCondition.UNCONDITIONAL))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("mem://scripted/s: this backend cannot copy server-side");
    assertThatThrownBy(plain::createBucket)
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("mem://scripted: this backend cannot create its bucket");
  }

  @Test
  void recognisesConnectionProblemsAnywhereInTheCauseChain() {
    assertThat(RetryingBackend.causedByConnectionProblem(connectionRefused())).isTrue();
    assertThat(
            RetryingBackend.causedByConnectionProblem(
                new TransientStorageException(
                    LOCATION,
                    "timeout",
                    new RuntimeException(new java.net.SocketTimeoutException("read timed out")))))
        .isTrue();
    assertThat(
            RetryingBackend.causedByConnectionProblem(
                new TransientStorageException(LOCATION, "x", new java.net.UnknownHostException())))
        .isTrue();
    assertThat(RetryingBackend.causedByConnectionProblem(transientFault())).isFalse();
  }
}

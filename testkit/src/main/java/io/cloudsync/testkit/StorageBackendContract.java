package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.StorageStats;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link io.cloudsync.storage.StorageBackend} proves itself against:
 * round trips from empty to 256 MiB streamed with a bounded heap, key spelling, listings across
 * pages, metadata and SHA-256, every {@link WriteCondition} holding and failing, deletion, racing
 * writers, copy, description and totals.
 *
 * <p>A backend's test extends this class and implements {@link #backend()}:
 *
 * <pre>{@code
 * class LocalBackendContractTest extends StorageBackendContract {
 *   @TempDir Path root;
 *   protected StorageBackend backend() { return LocalBackend.open(root); }
 * }
 * }</pre>
 *
 * <p>It overrides a capability flag of {@link BackendContractSupport} only for a documented
 * deviation, with a comment saying why. Each test works under its own random prefix, so one shared
 * bucket serves the whole run without cleaning.
 */
public abstract class StorageBackendContract extends ConditionCases {

  @Test
  void ofRacingIfAbsentWritersExactlyOneWins() throws Exception {
    Assumptions.assumeTrue(conditionalWritesAreAtomic(), "conditional writes are not atomic");
    ObjectKey key = key("race-absent.bin");

    List<Outcome> outcomes = race(key, i -> WriteCondition.IF_ABSENT);

    assertExactlyOneWinner(key, outcomes);
  }

  @Test
  void ofRacingIfMatchWritersOnTheSameBaseExactlyOneWins() throws Exception {
    Assumptions.assumeTrue(conditionalWritesAreAtomic(), "conditional writes are not atomic");
    ObjectKey key = key("race-match.bin");
    RemoteFile base = put(key, utf8("base"));

    List<Outcome> outcomes = race(key, i -> WriteCondition.ifMatch(base.version()));

    Outcome winner = assertExactlyOneWinner(key, outcomes);
    assertThat(winner.written().version()).isNotEqualTo(base.version());
  }

  @Test
  void copyKeepsContentMetadataAndHash() {
    Assumptions.assumeTrue(supportsCopy(), "server-side copy not supported");
    byte[] content = randomBytes(100_000, 21);
    ObjectKey source = key("copy/source.bin");
    RemoteFile original =
        backend()
            .write(
                source,
                new ByteArrayInputStream(content),
                content.length,
                Map.of("owner", "ana"),
                WriteCondition.UNCONDITIONAL);

    RemoteFile copied =
        ((SupportsCopy) backend()).copy(source, key("copy/target.bin"), WriteCondition.IF_ABSENT);

    assertThat(copied.key()).isEqualTo(key("copy/target.bin"));
    assertThat(copied.hash()).contains(sha256(content));
    if (!versionTokenFollowsContent()) {
      assertThat(copied.version()).isNotEqualTo(original.version());
    }
    assertThat(backend().stat(key("copy/target.bin")).orElseThrow().metadata())
        .containsEntry("owner", "ana");
    assertStored(key("copy/target.bin"), content);
    assertStored(source, content);
    assertThat(backend().stat(source).orElseThrow().version()).isEqualTo(original.version());
  }

  @Test
  void copyOfAMissingSourceFailsWithNotFoundNamingTheSource() {
    Assumptions.assumeTrue(supportsCopy(), "server-side copy not supported");
    ObjectKey source = key("copy/absent.bin");

    assertThatThrownBy(
            () ->
                ((SupportsCopy) backend())
                    .copy(source, key("copy/never.bin"), WriteCondition.UNCONDITIONAL))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(backend().location(source));
    assertThat(backend().stat(key("copy/never.bin"))).isEmpty();
  }

  @Test
  void copyOntoAnExistingTargetHonoursIfAbsent() {
    Assumptions.assumeTrue(supportsCopy(), "server-side copy not supported");
    ObjectKey target = key("copy/occupied.txt");
    put(key("copy/from.txt"), "from");
    put(target, "occupant");

    assertThatThrownBy(
            () ->
                ((SupportsCopy) backend())
                    .copy(key("copy/from.txt"), target, WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(backend().location(target));
    assertThat(textOf(target)).isEqualTo("occupant");
  }

  @Test
  void describesItselfAsConnectedWithALocation() {
    BackendDescription description = backend().describe();

    assertThat(description.health()).isEqualTo(BackendDescription.Health.CONNECTED);
    assertThat(description.healthDetail()).isEmpty();
    assertThat(description.name()).isNotBlank();
    assertThat(description.location()).isNotBlank();
    assertThat(backend().location(key("x.txt"))).endsWith(prefix() + "x.txt");
  }

  @Test
  void statsCountObjectsAndBytesUnderAPrefix() {
    put(key("stats/a.bin"), new byte[0]);
    put(key("stats/b.bin"), new byte[10]);
    put(key("stats/deeper/c.bin"), new byte[100]);
    put(key("elsewhere.bin"), new byte[1000]);

    StorageStats stats = backend().stats(prefix() + "stats/");

    assertThat(stats.objectCount()).isEqualTo(3);
    assertThat(stats.totalBytes()).isEqualTo(110);
    assertThat(stats.lastModified()).isPresent();
    assertThat(backend().stats(prefix() + "empty/")).isEqualTo(StorageStats.EMPTY);
  }

  /** What one racing writer got: the stored file, or the precondition failure. */
  private record Outcome(byte[] content, RemoteFile written, Throwable failure) {}

  private List<Outcome> race(ObjectKey key, java.util.function.IntFunction<WriteCondition> cond)
      throws InterruptedException, ExecutionException {
    int writers = writerThreads();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch ready = new CountDownLatch(writers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int writer = i;
        byte[] content = randomBytes(64 * 1024 + writer, 1000 + writer);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try {
                    return new Outcome(content, put(key, content, cond.apply(writer)), null);
                  } catch (PreconditionFailedException e) {
                    return new Outcome(content, null, e);
                  }
                }));
      }
      ready.await();
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome assertExactlyOneWinner(ObjectKey key, List<Outcome> outcomes) {
    List<Outcome> winners = outcomes.stream().filter(o -> o.written() != null).toList();
    assertThat(winners).as("writers that succeeded").hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o.failure() != null)
        .hasSize(outcomes.size() - 1)
        .allSatisfy(o -> assertThat(o.failure()).hasMessageContaining(backend().location(key)));
    Outcome winner = winners.get(0);
    assertStored(key, winner.content());
    assertThat(backend().stat(key).orElseThrow().version()).isEqualTo(winner.written().version());
    return winner;
  }
}

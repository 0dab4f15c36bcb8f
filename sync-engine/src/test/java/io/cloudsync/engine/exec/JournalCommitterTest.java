package io.cloudsync.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.VersionToken;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.SupportsDeferredDurability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCommitterTest {
  @TempDir Path dir;

  private static JournalEntry entry(String key) {
    return new JournalEntry(
        ObjectKey.of(key),
        ContentHasher.sha256().hash(key.getBytes(StandardCharsets.UTF_8)),
        key.length(),
        1,
        Optional.empty(),
        VersionToken.of("v"),
        key.length());
  }

  /** A remote batch that logs its syncs and closing, and fails its syncs when told to. */
  private static final class LoggingBatch implements SupportsDeferredDurability.Batch {
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void sync() {
      if (failing) {
        throw new LocalIoException("local:/remote", "flush failed (EIO)");
      }
      log.add("sync");
    }

    @Override
    public void close() {
      log.add("close");
    }

    @Override
    public void release() {
      log.add("release");
    }
  }

  private static final Duration NEVER = Duration.ofDays(1);

  private final LoggingBatch remote = new LoggingBatch();
  private final RunCounters counters = new RunCounters();

  /** A committer of {@code journal} against {@link #remote}, the workspace fsynced file by file. */
  private JournalCommitter committer(Journal journal, Duration interval) {
    return new JournalCommitter(
        journal, remote, WorkspaceFlush.fileByFile(dir), counters, interval);
  }

  @Test
  void rowsAreCommittedOnlyAfterTheRemoteIsFlushed() {
    try (Journal journal = Journal.open(dir)) {
      try (JournalCommitter committer = committer(journal, NEVER)) {
        journal.put(entry("a.txt"));
        journal.put(entry("b.txt"));
        try (Journal other = Journal.open(dir)) {
          assertThat(other.entries()).as("held until flushed").isEmpty();
        }
        committer.commitDurable();
        assertThat(remote.log).containsExactly("sync");
        try (Journal other = Journal.open(dir)) {
          assertThat(other.entries())
              .containsOnlyKeys(ObjectKey.of("a.txt"), ObjectKey.of("b.txt"));
        }
        journal.put(entry("c.txt"));
      }
      assertThat(remote.log).containsExactly("sync", "sync", "close");
      assertThat(counters.errors()).isEmpty();
      assertThat(journal.entries()).hasSize(3);
      journal.put(entry("d.txt"));
      try (Journal other = Journal.open(dir)) {
        assertThat(other.entries()).as("written at once after the run").hasSize(4);
      }
    }
  }

  @Test
  void nothingHeldMeansNoFlush() {
    try (Journal journal = Journal.open(dir)) {
      try (JournalCommitter committer = committer(journal, NEVER)) {
        committer.commitDurable();
      }
      assertThat(remote.log).containsExactly("close");
    }
  }

  @Test
  void aFailedFlushJournalsNothingOfItsBatchAndIsAnErrorOfTheRun() {
    try (Journal journal = Journal.open(dir)) {
      try (JournalCommitter committer = committer(journal, NEVER)) {
        journal.put(entry("a.txt"));
        remote.failing = true;
        committer.commitDurable();
        remote.failing = false;
        journal.put(entry("b.txt"));
      }
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("b.txt"));
      assertThat(counters.errors())
          .containsExactly(
              "flushing to stable storage failed (local:/remote: flush failed (EIO)); 1 completed"
                  + " actions not journaled, compared again next run");
    }
  }

  @Test
  void theThreadCommitsOnItsOwnEveryInterval() throws Exception {
    try (Journal journal = Journal.open(dir)) {
      try (JournalCommitter committer = committer(journal, Duration.ofMillis(5))) {
        journal.put(entry("a.txt"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean stored = false;
        while (!stored && System.nanoTime() < deadline) {
          Thread.sleep(5);
          try (Journal other = Journal.open(dir)) {
            stored = other.entries().containsKey(ObjectKey.of("a.txt"));
          }
        }
        assertThat(stored).as("committed without being asked").isTrue();
        assertThat(remote.log).startsWith("sync");
      }
    }
  }

  private static final String SCOPE = "remote: boot b1 mounts 7; workspace: boot b1 mounts 7";

  private JournalCommitter scoped(Journal journal, Duration confirmEvery) {
    return new JournalCommitter(
        journal,
        remote,
        WorkspaceFlush.fileByFile(dir),
        counters,
        NEVER,
        Optional.of(SCOPE),
        confirmEvery);
  }

  @Test
  void withAScopeRowsAreCommittedUnconfirmedWithoutAFlushAndTheRunEndsWithoutOne() {
    try (Journal journal = Journal.open(dir)) {
      try (JournalCommitter committer = scoped(journal, NEVER)) {
        journal.put(entry("a.txt"));
        committer.commitDurable();
        assertThat(remote.log).as("no flush to wait for").isEmpty();
        try (Journal other = Journal.open(dir)) {
          assertThat(other.entries()).containsOnlyKeys(ObjectKey.of("a.txt"));
          assertThat(other.unconfirmedScopes()).containsExactly(SCOPE);
        }
        journal.put(entry("b.txt"));
      }
      assertThat(remote.log).as("the batch let go, not flushed").containsExactly("release");
      assertThat(counters.errors()).isEmpty();
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("a.txt"), ObjectKey.of("b.txt"));
      assertThat(journal.unconfirmedScopes()).containsExactly(SCOPE);
    }
  }

  @Test
  void withAScopeRowsAreConfirmedAfterAFlushOnceTheConfirmIntervalHasPassed() {
    try (Journal journal = Journal.open(dir)) {
      try (JournalCommitter committer = scoped(journal, Duration.ZERO)) {
        journal.put(entry("a.txt"));
        committer.commitDurable();
        assertThat(remote.log).containsExactly("sync");
        assertThat(journal.unconfirmedScopes()).as("confirmed").isEmpty();
        committer.commitDurable();
        assertThat(remote.log).as("nothing new, no flush").containsExactly("sync");
      }
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("a.txt"));
    }
  }

  @Test
  void rowsWhoseConfirmingFlushFailedAreNeverConfirmedAndTheNextRunDistrustsThem() {
    try (Journal journal = Journal.open(dir)) {
      journal.put(entry("base.txt"));
      try (JournalCommitter committer = scoped(journal, Duration.ZERO)) {
        journal.put(entry("a.txt"));
        remote.failing = true;
        committer.commitDurable();
        remote.failing = false;
        assertThat(journal.entries())
            .as("still the bases of what this run did")
            .containsOnlyKeys(ObjectKey.of("base.txt"), ObjectKey.of("a.txt"));
        assertThat(journal.unconfirmedScopes())
            .containsExactly(JournalCommitter.failedScope(SCOPE));

        journal.put(entry("b.txt"));
        committer.commitDurable();
        assertThat(remote.log).as("the next flush succeeds").containsExactly("sync");
        assertThat(journal.unconfirmedScopes())
            .as("b.txt confirmed, a.txt not: its data may be lost even though this flush passed")
            .containsExactly(JournalCommitter.failedScope(SCOPE));
      }
      assertThat(counters.errors())
          .containsExactly(
              "flushing to stable storage failed (local:/remote: flush failed (EIO)); 1 completed"
                  + " actions not confirmed, their content compared again next run");
    }
    try (Journal journal = Journal.open(dir)) {
      JournalCommitter.Settled settled = settle(journal, new SyncAllLog(), Optional.of(SCOPE));
      assertThat(settled.summary())
          .isEqualTo("1 unconfirmed bases of another boot, mount or failed flush discarded");
      assertThat(settled.discarded())
          .as("the next run compares a.txt's content instead of trusting the remote's record")
          .containsExactly(ObjectKey.of("a.txt"));
      assertThat(journal.unconfirmedScopes()).isEmpty();
      assertThat(journal.entries())
          .containsOnlyKeys(ObjectKey.of("base.txt"), ObjectKey.of("b.txt"));
    }
  }

  /** A remote that logs its syncs of everything. */
  private static class SyncAllLog implements SupportsDeferredDurability {
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public Batch deferDurability() {
      return Batch.NONE;
    }

    @Override
    public Optional<String> unflushedScope() {
      return Optional.of("boot b1 mounts 7");
    }

    @Override
    public void syncAll() {
      if (failing) {
        throw new LocalIoException("local:/remote", "flush failed (EIO)");
      }
      log.add("syncAll");
    }
  }

  private JournalCommitter.Settled settle(
      Journal journal, SupportsDeferredDurability backend, Optional<String> scope) {
    return JournalCommitter.settleEarlierRows(
            journal, backend, WorkspaceFlush.fileByFile(dir), scope)
        .orElseThrow();
  }

  private void leaveUnconfirmed(String scope, String... keys) {
    try (Journal journal = Journal.open(dir)) {
      journal.put(entry("base.txt"));
      java.util.Map<ObjectKey, Optional<JournalEntry>> rows = new java.util.LinkedHashMap<>();
      for (String key : keys) {
        rows.put(ObjectKey.of(key), Optional.of(entry(key)));
      }
      rows.put(ObjectKey.of("base.txt"), Optional.empty());
      journal.commitUnconfirmed(rows, scope);
    }
  }

  @Test
  void theNextRunConfirmsTheRowsOfItsOwnScopeAfterFlushingEverything() {
    leaveUnconfirmed(SCOPE, "a.txt", "b.txt");
    SyncAllLog backend = new SyncAllLog();
    try (Journal journal = Journal.open(dir)) {
      JournalCommitter.Settled settled = settle(journal, backend, Optional.of(SCOPE));
      assertThat(settled.summary())
          .isEqualTo("3 bases confirmed after a flush, 0 of another scope discarded");
      assertThat(settled.discarded()).isEmpty();
      assertThat(backend.log).containsExactly("syncAll");
      assertThat(journal.unconfirmedScopes()).isEmpty();
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("a.txt"), ObjectKey.of("b.txt"));
    }
  }

  @Test
  void afterARestartOrARemountTheRowsAreDiscardedWithoutAFlushAndTheOldBasesAnswer() {
    leaveUnconfirmed(SCOPE, "a.txt");
    SyncAllLog backend = new SyncAllLog();
    try (Journal journal = Journal.open(dir)) {
      JournalCommitter.Settled settled =
          settle(
              journal,
              backend,
              Optional.of("remote: boot b2 mounts 7; workspace: boot b2 mounts 7"));
      assertThat(settled.summary())
          .isEqualTo("2 unconfirmed bases of another boot, mount or failed flush discarded");
      assertThat(settled.discarded())
          .as("their remote records are not to be trusted")
          .containsOnly(ObjectKey.of("a.txt"), ObjectKey.of("base.txt"));
      assertThat(backend.log).isEmpty();
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("base.txt"));
    }
    leaveUnconfirmed(SCOPE, "a.txt");
    try (Journal journal = Journal.open(dir)) {
      assertThat(settle(journal, backend, Optional.empty()).summary())
          .as("no scope can be named now")
          .isEqualTo("2 unconfirmed bases of another boot, mount or failed flush discarded");
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("base.txt"));
    }
  }

  @Test
  void whenTheNextRunsFlushFailsTheRowsAreDiscarded() {
    leaveUnconfirmed(SCOPE, "a.txt");
    SyncAllLog backend = new SyncAllLog();
    backend.failing = true;
    try (Journal journal = Journal.open(dir)) {
      JournalCommitter.Settled settled = settle(journal, backend, Optional.of(SCOPE));
      assertThat(settled.summary())
          .isEqualTo(
              "2 unconfirmed bases discarded, the flush failed (local:/remote: flush failed"
                  + " (EIO))");
      assertThat(settled.discarded()).containsOnly(ObjectKey.of("a.txt"), ObjectKey.of("base.txt"));
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("base.txt"));
    }
  }

  @Test
  void aRunScopeNamesBothSidesOrIsEmptyWhenEitherCannotBeNamedOrNothingIsDeferred() {
    WorkspaceFlush fileByFile = WorkspaceFlush.fileByFile(dir);
    assertThat(JournalCommitter.scopeOf(new Object(), fileByFile))
        .as("both durable on return: nothing to confirm")
        .isEmpty();
    assertThat(JournalCommitter.scopeOf(new SyncAllLog(), fileByFile))
        .hasValue("remote: boot b1 mounts 7; workspace: ");
    SyncAllLog unnamed =
        new SyncAllLog() {
          @Override
          public Optional<String> unflushedScope() {
            return Optional.empty();
          }
        };
    assertThat(JournalCommitter.scopeOf(unnamed, fileByFile)).isEmpty();
  }
}

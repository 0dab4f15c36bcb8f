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
}

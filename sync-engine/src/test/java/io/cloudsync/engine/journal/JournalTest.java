package io.cloudsync.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.VersionToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  private static JournalEntry entry(String key, String content) {
    return new JournalEntry(
        ObjectKey.of(key),
        io.cloudsync.core.ContentHasher.sha256().hash(content.getBytes(StandardCharsets.UTF_8)),
        content.length(),
        1234L,
        Optional.of("ino:42"),
        VersionToken.of("v1"),
        content.length());
  }

  @Test
  void createsStateDbInWalModeWithSchemaVersion() throws Exception {
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.file()).isEqualTo(dir.resolve("state.db"));
      assertThat(journal.schemaVersion()).isEqualTo(SchemaMigrations.MIGRATIONS.size());
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void entriesSurviveReopening() {
    try (Journal journal = Journal.open(dir)) {
      journal.put(entry("a/b.txt", "hello"));
      journal.put(entry("c.txt", "x"));
      journal.remove(ObjectKey.of("c.txt"));
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("a/b.txt"));
      JournalEntry e = journal.entry(ObjectKey.of("a/b.txt")).orElseThrow();
      assertThat(e).isEqualTo(entry("a/b.txt", "hello"));
    }
  }

  @Test
  void runsAreRecordedWithCountsNewestFirst() {
    try (Journal journal = Journal.open(dir)) {
      long first = journal.startRun(Instant.ofEpochMilli(1000));
      journal.finishRun(
          first,
          new RunRecord(
              first,
              Instant.ofEpochMilli(1000),
              Optional.of(Instant.ofEpochMilli(2000)),
              3,
              2,
              1,
              1,
              0),
          Optional.empty());
      journal.startRun(Instant.ofEpochMilli(3000));
      assertThat(journal.runs()).hasSize(2);
      assertThat(journal.runs().get(0).finished()).isEmpty();
      RunRecord last = journal.lastFinishedRun().orElseThrow();
      assertThat(last.uploaded()).isEqualTo(3);
      assertThat(last.finished()).contains(Instant.ofEpochMilli(2000));
    }
  }

  @Test
  void openConflictsAreLoggedOnceAndResolved() {
    ConflictInfo info =
        new ConflictInfo(
            ObjectKey.of("n.md"),
            ConflictInfo.Kind.BOTH_MODIFIED,
            Optional.empty(),
            Optional.of(ContentHash.EMPTY),
            Optional.empty(),
            Instant.ofEpochMilli(5000),
            Optional.empty());
    try (Journal journal = Journal.open(dir)) {
      long id = journal.recordConflict(info);
      assertThat(journal.recordConflict(info)).isEqualTo(id);
      assertThat(journal.openConflicts()).hasSize(1);
      journal.resolveConflicts(ObjectKey.of("n.md"), "keep-both", Instant.ofEpochMilli(6000));
      assertThat(journal.openConflicts()).isEmpty();
      ConflictRecord done = journal.allConflicts().get(0);
      assertThat(done.info().resolution()).contains("keep-both");
      assertThat(done.resolvedAt()).contains(Instant.ofEpochMilli(6000));
      assertThat(done.info().local()).contains(ContentHash.EMPTY);
    }
  }

  @Test
  void corruptedFileRaisesJournalCorruptedNamingTheWayOut() throws Exception {
    Files.write(
        dir.resolve("state.db"), "this is not a database, just text ".repeat(200).getBytes());
    assertThatThrownBy(() -> Journal.open(dir))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("state.db")
        .hasMessageContaining("cloudsync sync --rebuild-journal");
  }

  @Test
  void setAsideKeepsTheDamagedFileAndAllowsAFreshJournal() throws Exception {
    byte[] junk = "garbage".repeat(1000).getBytes();
    Files.write(dir.resolve("state.db"), junk);
    Path aside = Journal.setAside(dir, Instant.ofEpochMilli(77)).orElseThrow();
    assertThat(aside.getFileName().toString()).isEqualTo("state.db.corrupt-77");
    assertThat(Files.readAllBytes(aside)).isEqualTo(junk);
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries()).isEmpty();
    }
  }

  private long storedRows() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM entries")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void heldWritesAreAnsweredButStoredOnlyWhenCommitted() throws Exception {
    try (Journal journal = Journal.open(dir)) {
      journal.put(entry("kept.txt", "k"));
      journal.holdWrites();
      journal.put(entry("a.txt", "one"));
      journal.put(entry("a.txt", "two"));
      journal.remove(ObjectKey.of("kept.txt"));

      assertThat(journal.entry(ObjectKey.of("a.txt"))).contains(entry("a.txt", "two"));
      assertThat(journal.entry(ObjectKey.of("kept.txt"))).isEmpty();
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("a.txt"));
      assertThat(storedRows()).as("nothing written yet but the first row").isEqualTo(1);

      var taken = journal.takeHeld();
      assertThat(taken).hasSize(2);
      assertThat(journal.entry(ObjectKey.of("a.txt")))
          .as("taken, not yet committed")
          .contains(entry("a.txt", "two"));
      journal.commit(taken);
      assertThat(storedRows()).isEqualTo(1);
      assertThat(journal.takeHeld()).isEmpty();
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries()).containsOnlyKeys(ObjectKey.of("a.txt"));
      assertThat(journal.entry(ObjectKey.of("a.txt"))).contains(entry("a.txt", "two"));
    }
  }

  @Test
  void droppedWritesAreForgottenAndStoppingCommitsTheRest() throws Exception {
    try (Journal journal = Journal.open(dir)) {
      journal.holdWrites();
      journal.put(entry("lost.txt", "l"));
      journal.takeHeld();
      journal.dropTaken();
      journal.put(entry("late.txt", "x"));

      assertThat(journal.entry(ObjectKey.of("lost.txt"))).isEmpty();
      assertThat(journal.stopHolding()).isEqualTo(1);
      journal.put(entry("after.txt", "y"));
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries())
          .containsOnlyKeys(ObjectKey.of("late.txt"), ObjectKey.of("after.txt"));
    }
  }

  /**
   * Bases kept.txt and gone.txt ("old"); then, unconfirmed in scope "boot b1 mounts 7", kept.txt
   * "new", gone.txt removed and each of {@code added} added (content "added").
   */
  private static void keepAndRemoveUnconfirmed(Journal journal, String... added) {
    journal.put(entry("kept.txt", "old"));
    journal.put(entry("gone.txt", "old"));
    Map<ObjectKey, Optional<JournalEntry>> rows = new java.util.LinkedHashMap<>();
    rows.put(ObjectKey.of("kept.txt"), Optional.of(entry("kept.txt", "new")));
    rows.put(ObjectKey.of("gone.txt"), Optional.empty());
    for (String key : added) {
      rows.put(ObjectKey.of(key), Optional.of(entry(key, "added")));
    }
    journal.commitUnconfirmed(rows, "boot b1 mounts 7");
  }

  @Test
  void unconfirmedRowsAreReadAsBasesUntilConfirmedOrDiscardedAndSurviveReopening() {
    try (Journal journal = Journal.open(dir)) {
      keepAndRemoveUnconfirmed(journal, "added.txt");
      assertThat(journal.entries())
          .containsOnlyKeys(ObjectKey.of("kept.txt"), ObjectKey.of("added.txt"));
      assertThat(journal.entry(ObjectKey.of("kept.txt"))).hasValue(entry("kept.txt", "new"));
      assertThat(journal.entry(ObjectKey.of("gone.txt"))).isEmpty();
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.unconfirmedScopes()).containsExactly("boot b1 mounts 7");
      assertThat(journal.entry(ObjectKey.of("kept.txt"))).hasValue(entry("kept.txt", "new"));

      assertThat(journal.discardUnconfirmed(Optional.of("boot b1 mounts 7")))
          .as("rows of the scope kept")
          .isEmpty();
      assertThat(journal.discardUnconfirmed(Optional.of("boot b2 mounts 7")))
          .containsOnly(
              ObjectKey.of("kept.txt"), ObjectKey.of("gone.txt"), ObjectKey.of("added.txt"));
      assertThat(journal.unconfirmedScopes()).isEmpty();
      assertThat(journal.entries())
          .as("the bases before them answer again")
          .containsOnly(
              Map.entry(ObjectKey.of("kept.txt"), entry("kept.txt", "old")),
              Map.entry(ObjectKey.of("gone.txt"), entry("gone.txt", "old")));
    }
  }

  @Test
  void confirmingOneScopeLeavesTheRowsOfAnotherAndRescopingMovesThem() {
    try (Journal journal = Journal.open(dir)) {
      keepAndRemoveUnconfirmed(journal);
      assertThat(journal.rescopeUnconfirmed("boot b1 mounts 7", "boot b1 failed")).isEqualTo(2);
      Map<ObjectKey, Optional<JournalEntry>> rows = new java.util.LinkedHashMap<>();
      rows.put(ObjectKey.of("other.txt"), Optional.of(entry("other.txt", "new")));
      journal.commitUnconfirmed(rows, "boot b1 mounts 7");

      assertThat(journal.confirmUnconfirmed("boot b1 mounts 7")).isEqualTo(1);
      assertThat(journal.unconfirmedScopes()).containsExactly("boot b1 failed");
      assertThat(journal.discardUnconfirmed(Optional.of("boot b1 mounts 7")))
          .containsOnly(ObjectKey.of("kept.txt"), ObjectKey.of("gone.txt"));
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries())
          .containsOnly(
              Map.entry(ObjectKey.of("kept.txt"), entry("kept.txt", "old")),
              Map.entry(ObjectKey.of("gone.txt"), entry("gone.txt", "old")),
              Map.entry(ObjectKey.of("other.txt"), entry("other.txt", "new")));
    }
  }

  @Test
  void confirmingMakesUnconfirmedRowsBasesRemovalsIncluded() {
    try (Journal journal = Journal.open(dir)) {
      keepAndRemoveUnconfirmed(journal);
      assertThat(journal.confirmUnconfirmed("boot b1 mounts 7")).isEqualTo(2);
      assertThat(journal.unconfirmedScopes()).isEmpty();
      assertThat(journal.discardUnconfirmed(Optional.empty())).as("nothing left").isEmpty();
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.entries())
          .containsOnly(Map.entry(ObjectKey.of("kept.txt"), entry("kept.txt", "new")));
    }
  }

  @Test
  void aVersionOneJournalGainsTheUnconfirmedTableAndKeepsItsBases() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        var st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL)");
      for (String sql : SchemaMigrations.MIGRATIONS.getFirst().split(";")) {
        if (!sql.isBlank()) {
          st.executeUpdate(sql);
        }
      }
      st.executeUpdate("INSERT INTO schema_version(version) VALUES (1)");
      st.executeUpdate(
          "INSERT INTO entries VALUES ('a.txt', '"
              + entry("a.txt", "a").hash().hex()
              + "', 1, 1234, 'ino:42', 'v1', 1)");
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(journal.schemaVersion()).isEqualTo(2);
      assertThat(journal.entries())
          .containsOnly(Map.entry(ObjectKey.of("a.txt"), entry("a.txt", "a")));
      assertThat(journal.unconfirmedScopes()).isEmpty();
    }
  }
}

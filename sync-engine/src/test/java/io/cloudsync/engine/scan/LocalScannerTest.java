package io.cloudsync.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.VersionToken;
import io.cloudsync.engine.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalScannerTest {
  @TempDir Path ws;

  private void write(String rel, String content) throws Exception {
    Path p = ws.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static ContentHash sha(String s) {
    return ContentHasher.sha256().hash(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hashesEveryFileOnFirstScanAndSkipsStateAndIgnoredPaths() throws Exception {
    write("a.txt", "alpha");
    write("docs/b.md", "beta");
    write(".cloudsync/state.db", "x");
    write("build/out.bin", "ignored");
    write(".cloudsyncignore", "build/\n");
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.load(ws), 2).scan(Map.of());
    assertThat(snap.files().keySet())
        .containsExactlyInAnyOrder(
            ObjectKey.of("a.txt"), ObjectKey.of("docs/b.md"), ObjectKey.of(".cloudsyncignore"));
    assertThat(snap.files().get(ObjectKey.of("docs/b.md")).hash()).isEqualTo(sha("beta"));
    assertThat(snap.folders()).containsExactly("docs");
    assertThat(snap.hashed()).isEqualTo(3);
  }

  @Test
  void unchangedStampTakesTheFastPathAndTrustsTheJournal() throws Exception {
    write("a.txt", "alpha");
    FileStamp stamp = FileStamp.read(ws.resolve("a.txt")).orElseThrow();
    ContentHash recorded = sha("what the journal says");
    JournalEntry base =
        new JournalEntry(
            ObjectKey.of("a.txt"),
            recorded,
            stamp.size(),
            stamp.mtimeMillis(),
            stamp.identity(),
            VersionToken.of("v"),
            5);
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 2).scan(Map.of(base.key(), base));
    assertThat(snap.hashed()).isZero();
    assertThat(snap.files().get(ObjectKey.of("a.txt")).hash()).isEqualTo(recorded);
  }

  @Test
  void changedMtimeIsRehashed() throws Exception {
    write("a.txt", "alpha");
    FileStamp stamp = FileStamp.read(ws.resolve("a.txt")).orElseThrow();
    JournalEntry base =
        new JournalEntry(
            ObjectKey.of("a.txt"),
            sha("old"),
            stamp.size(),
            stamp.mtimeMillis() - 5000,
            stamp.identity(),
            VersionToken.of("v"),
            5);
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 2).scan(Map.of(base.key(), base));
    assertThat(snap.hashed()).isEqualTo(1);
    assertThat(snap.files().get(ObjectKey.of("a.txt")).hash()).isEqualTo(sha("alpha"));
  }

  @Test
  void symlinksAreReportedNotFollowed() throws Exception {
    write("real/x.txt", "x");
    Files.createSymbolicLink(ws.resolve("link"), ws.resolve("real"));
    Files.createSymbolicLink(ws.resolve("flink.txt"), ws.resolve("real/x.txt"));
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 1).scan(Map.of());
    assertThat(snap.files().keySet()).containsExactly(ObjectKey.of("real/x.txt"));
    assertThat(snap.reports())
        .containsExactlyInAnyOrder(
            "link: symbolic link not followed", "flink.txt: symbolic link not followed");
  }

  @Test
  void aReportNamesADeepPathInFull() throws Exception {
    String deep = ("folder-with-a-long-name/".repeat(10)) + "link";
    write("real/x.txt", "x");
    Files.createDirectories(ws.resolve(deep).getParent());
    Files.createSymbolicLink(ws.resolve(deep), ws.resolve("real/x.txt"));
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 1).scan(Map.of());
    assertThat(snap.reports()).containsExactly(deep + ": symbolic link not followed");
  }

  @Test
  void namesThatAreNotValidKeysAreReported() throws Exception {
    write("back\\slash.txt", "x");
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 1).scan(Map.of());
    assertThat(snap.files()).isEmpty();
    assertThat(snap.reports())
        .singleElement()
        .asString()
        .contains("back\\slash.txt")
        .contains("backslash");
  }

  @Test
  void aDecomposedNameIsReportedWithTheRuleItBreaksAndNotSent() throws Exception {
    write("cafe\u0301.txt", "x"); // "café" with a combining accent (NFD), as macOS writes it
    write("plain.txt", "y");
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 1).scan(Map.of());
    assertThat(snap.files().keySet()).containsExactly(ObjectKey.of("plain.txt"));
    assertThat(snap.reports())
        .containsExactly(
            "cafe\u0301.txt: name is not a valid key (key is not in Unicode NFC), skipped");
  }

  @Test
  void aNameWithControlCharactersIsReportedOnOneLineWithThemEscaped() throws Exception {
    write("evil\n\u001b[2Jforged.txt", "x");
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 1).scan(Map.of());
    assertThat(snap.files()).isEmpty();
    assertThat(snap.reports())
        .containsExactly(
            "evil\\u000a\\u001b[2Jforged.txt: name is not a valid key"
                + " (key contains a control character (U+000A)), skipped");
  }

  @Test
  void emptyWorkspaceScansToNothing() throws Exception {
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 1).scan(Map.of());
    assertThat(snap.files()).isEmpty();
    assertThat(snap.reports()).isEqualTo(List.of());
  }

  @Test
  void aNewFileTheCallerDefersIsCheckedButNotHashed() throws Exception {
    write("new.txt", "fresh");
    write("other.txt", "hashed as usual");
    LocalSnapshot snap =
        new LocalScanner(ws, IgnoreRules.none(), 2)
            .scan(Map.of(), key -> key.value().equals("new.txt"));
    LocalFile fresh = snap.files().get(ObjectKey.of("new.txt"));
    assertThat(fresh.knownHash()).isEmpty();
    assertThat(fresh.size()).isEqualTo(5);
    assertThat(snap.files().get(ObjectKey.of("other.txt")).knownHash())
        .contains(sha("hashed as usual"));
    assertThat(snap.hashed()).isEqualTo(1);
  }

  @Test
  void aFileWithAJournalEntryIsHashedEvenWhenTheCallerWouldDefer() throws Exception {
    write("a.txt", "edited");
    JournalEntry base =
        new JournalEntry(
            ObjectKey.of("a.txt"),
            sha("before"),
            6,
            1,
            java.util.Optional.empty(),
            VersionToken.of("v"),
            6);
    LocalSnapshot snap =
        new LocalScanner(ws, IgnoreRules.none(), 2).scan(Map.of(base.key(), base), key -> true);
    assertThat(snap.files().get(ObjectKey.of("a.txt")).knownHash()).contains(sha("edited"));
  }

  @Test
  void anUnreadableNewFileIsSkippedEvenUnhashed() throws Exception {
    write("locked.txt", "secret");
    Path locked = ws.resolve("locked.txt");
    locked.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(locked), "running as a user who reads everything");
    LocalSnapshot snap = new LocalScanner(ws, IgnoreRules.none(), 2).scan(Map.of(), key -> true);
    assertThat(snap.files()).doesNotContainKey(ObjectKey.of("locked.txt"));
    assertThat(snap.skipped())
        .containsEntry(ObjectKey.of("locked.txt"), "unreadable (permission denied)");
  }

  @Test
  void aFileEditedBetweenTheWalkAndItsHashingIsSkippedForTheNextRunNotPlannedTorn()
      throws Exception {
    write("kept.txt", "as walked");
    write("edited.txt", "as walked");
    LocalScanner scanner = new LocalScanner(ws, IgnoreRules.none(), 2);
    LocalScanner.Walk walk = scanner.walk();
    write("edited.txt", "edited after the walk, longer");
    write("new.txt", "created after the walk");

    LocalSnapshot snap = scanner.scan(walk, Map.of(), key -> false);

    assertThat(walk.files()).isEqualTo(2);
    assertThat(snap.files().keySet()).containsExactly(ObjectKey.of("kept.txt"));
    assertThat(snap.files().get(ObjectKey.of("kept.txt")).hash()).isEqualTo(sha("as walked"));
    assertThat(snap.skipped())
        .containsExactly(
            Map.entry(ObjectKey.of("edited.txt"), "changed while being read; retried next run"));
  }

  @Test
  void oneWalkScannedTwiceGivesTheSameSnapshot() throws Exception {
    write("a.txt", "alpha");
    write("docs/b.md", "beta");
    LocalScanner scanner = new LocalScanner(ws, IgnoreRules.none(), 2);
    LocalScanner.Walk walk = scanner.walk();

    LocalSnapshot deferred = scanner.scan(walk, Map.of(), key -> key.value().equals("a.txt"));
    LocalSnapshot hashed = scanner.scan(walk, Map.of(), key -> false);

    assertThat(deferred.files().get(ObjectKey.of("a.txt")).knownHash()).isEmpty();
    assertThat(hashed.files().get(ObjectKey.of("a.txt")).knownHash()).contains(sha("alpha"));
    assertThat(hashed.files().keySet()).isEqualTo(deferred.files().keySet());
    assertThat(hashed.folders()).containsExactly("docs").isEqualTo(deferred.folders());
  }
}

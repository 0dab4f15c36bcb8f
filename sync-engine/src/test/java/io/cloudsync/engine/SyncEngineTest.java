package io.cloudsync.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.journal.ConflictRecord;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalCorruptedException;
import io.cloudsync.engine.support.ForwardingBackend;
import io.cloudsync.engine.support.MemoryBackend;
import io.cloudsync.engine.support.SimplePolicies;
import io.cloudsync.engine.support.WorkspaceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEngineTest {
  @TempDir Path tmp;
  final MemoryBackend remote = new MemoryBackend();

  Path ws(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  SyncEngine engine(Path ws) {
    return new SyncEngine(ws, remote, new SimplePolicies("keep-both"), Clock.system());
  }

  SyncResult sync(Path ws) {
    return engine(ws)
        .sync(SyncOptions.defaults().withMaxDelete(MaxDelete.parse("100%")), SyncListener.NONE);
  }

  static void write(Path ws, String rel, String content) throws IOException {
    Path p = ws.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  Map<String, String> remoteFiles() {
    Map<String, String> out = new TreeMap<>();
    for (String k : remote.keys()) {
      out.put(k, new String(remote.content(k).orElseThrow(), UTF_8));
    }
    return out;
  }

  @Test
  void firstSyncUploadsEveryFileWithHashAndMtimeAndJournalsIt() throws Exception {
    Path a = ws("a");
    write(a, "notes/one.md", "one");
    write(a, "two.txt", "two");
    SyncResult r = sync(a);
    assertThat(r.uploaded()).isEqualTo(2);
    assertThat(r.bytesUploaded()).isEqualTo(6);
    assertThat(r.errors()).isEmpty();
    assertThat(remoteFiles()).isEqualTo(Map.of("notes/one.md", "one", "two.txt", "two"));
    var stat = remote.stat(ObjectKey.of("two.txt")).orElseThrow();
    assertThat(stat.metadata())
        .containsEntry(
            ContentHash.METADATA_KEY, ContentHasher.sha256().hash("two".getBytes(UTF_8)).hex())
        .containsEntry(
            "cloudsync-mtime",
            Long.toString(Files.getLastModifiedTime(a.resolve("two.txt")).toMillis()));
    try (Journal j = Journal.open(a.resolve(".cloudsync"))) {
      assertThat(j.entries()).hasSize(2);
      assertThat(j.entry(ObjectKey.of("two.txt")).orElseThrow().remoteVersion())
          .isEqualTo(stat.version());
      assertThat(j.lastFinishedRun().orElseThrow().uploaded()).isEqualTo(2);
    }
  }

  @Test
  void noOpResyncTransfersNothing() throws Exception {
    Path a = ws("a");
    write(a, "x.txt", "x");
    sync(a);
    SyncResult again = sync(a);
    assertThat(again.plan()).isEmpty();
    assertThat(remote.writes("x.txt")).isEqualTo(1);
  }

  @Test
  void secondWorkspaceReceivesEverythingAndEditsTravelBothWays() throws Exception {
    Path a = ws("a");
    Path b = ws("b");
    write(a, "d/x.txt", "x1");
    sync(a);
    assertThat(sync(b).downloaded()).isEqualTo(1);
    assertThat(WorkspaceTree.read(b)).isEqualTo(Map.of("d/x.txt", "x1"));
    write(b, "d/x.txt", "x2 from b");
    write(b, "new.txt", "new");
    sync(b);
    SyncResult ra = sync(a);
    assertThat(ra.downloaded()).isEqualTo(2);
    assertThat(WorkspaceTree.read(a)).isEqualTo(WorkspaceTree.read(b)).isEqualTo(remoteFiles());
  }

  @Test
  void downloadsReadTheListedVersionWithoutAskingForItAgain() throws Exception {
    Path a = ws("a");
    for (int i = 0; i < 20; i++) {
      write(a, "d/f" + i + ".txt", "content " + i);
    }
    sync(a);
    AtomicInteger stats = new AtomicInteger();
    ForwardingBackend counting =
        new ForwardingBackend(remote) {
          @Override
          public Optional<RemoteFile> stat(ObjectKey key) {
            stats.incrementAndGet();
            return super.stat(key);
          }
        };
    Path b = ws("b");

    SyncResult r =
        new SyncEngine(b, counting, new SimplePolicies("keep-both"), Clock.system())
            .sync(SyncOptions.defaults(), SyncListener.NONE);

    assertThat(r.downloaded()).isEqualTo(20);
    assertThat(WorkspaceTree.read(b)).isEqualTo(WorkspaceTree.read(a));
    assertThat(stats).as("stat calls for 20 downloads").hasValue(0);
  }

  @Test
  void localDeletionDeletesRemoteAndRemoteDeletionGoesToTrash() throws Exception {
    Path a = ws("a");
    Path b = ws("b");
    write(a, "gone.txt", "bye");
    write(a, "keep.txt", "k");
    sync(a);
    sync(b);
    Files.delete(a.resolve("gone.txt"));
    assertThat(sync(a).deletedRemote()).isEqualTo(1);
    assertThat(remote.keys()).containsExactly("keep.txt");
    assertThat(sync(b).deletedLocal()).isEqualTo(1);
    assertThat(WorkspaceTree.read(b)).isEqualTo(Map.of("keep.txt", "k"));
    try (Stream<Path> trash = Files.walk(b.resolve(".cloudsync/trash"))) {
      Path trashed =
          trash
              .filter(p -> p.getFileName().toString().equals("gone.txt"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readString(trashed)).isEqualTo("bye");
      assertThat(trashed.getParent().getFileName().toString()).matches("\\d{8}-\\d{6}");
    }
  }

  @Test
  void bothSidesEditedKeepsBothContentsEverywhere() throws Exception {
    Path a = ws("a");
    Path b = ws("b");
    write(a, "n.md", "base");
    sync(a);
    sync(b);
    write(a, "n.md", "edit from a");
    write(b, "n.md", "edit from b");
    sync(a);
    SyncResult rb = sync(b);
    assertThat(rb.conflicts()).isEqualTo(1);
    sync(a);
    assertThat(WorkspaceTree.read(a)).isEqualTo(WorkspaceTree.read(b)).isEqualTo(remoteFiles());
    assertThat(WorkspaceTree.read(a).values()).contains("edit from a", "edit from b");
    try (Journal j = Journal.open(b.resolve(".cloudsync"))) {
      ConflictRecord c = j.allConflicts().get(0);
      assertThat(c.info().kind()).isEqualTo(ConflictInfo.Kind.BOTH_MODIFIED);
      assertThat(c.info().resolution())
          .hasValueSatisfying(s -> assertThat(s).startsWith("keep-both"));
    }
  }

  @Test
  void manualConflictStaysOpenUntilResolved() throws Exception {
    Path a = ws("a");
    Path b = ws("b");
    write(a, "n.md", "base");
    sync(a);
    sync(b);
    write(a, "n.md", "A");
    write(b, "n.md", "B");
    sync(a);
    SyncResult rb =
        engine(b).sync(SyncOptions.defaults().withStrategy("manual"), SyncListener.NONE);
    assertThat(rb.openConflicts()).isEqualTo(1);
    assertThat(engine(b).openConflicts()).hasSize(1);
    assertThat(Files.readString(b.resolve("n.md"))).isEqualTo("B");
    engine(b).resolve(ObjectKey.of("n.md"), "local");
    assertThat(engine(b).openConflicts()).isEmpty();
    assertThat(remoteFiles()).containsEntry("n.md", "B");
  }

  @Test
  void deletionLimitStopsTheRunBeforeAnyChange() throws Exception {
    Path a = ws("a");
    for (int i = 0; i < 4; i++) {
      write(a, "f" + i, "c" + i);
    }
    sync(a);
    for (int i = 0; i < 3; i++) {
      Files.delete(a.resolve("f" + i));
    }
    write(a, "new", "n");
    assertThatThrownBy(() -> engine(a).sync(SyncOptions.defaults(), SyncListener.NONE))
        .isInstanceOf(DeletionLimitExceededException.class)
        .hasMessageContaining("delete 3 of 4")
        .hasMessageContaining("--max-delete 50%");
    assertThat(remote.keys()).containsExactly("f0", "f1", "f2", "f3");
  }

  @Test
  void dryRunPlansAndChangesNothing() throws Exception {
    Path a = ws("a");
    write(a, "x", "x");
    SyncResult r = engine(a).sync(SyncOptions.defaults().withDryRun(true), SyncListener.NONE);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.plan())
        .singleElement()
        .satisfies(op -> assertThat(op.type()).hasToString("UPLOAD"));
    assertThat(remote.keys()).isEmpty();
  }

  @Test
  void rejectedRemoteNamesAreReportedAndNothingIsWrittenOutsideTheWorkspace() throws Exception {
    Path a = ws("inner/a");
    remote.plantRaw("../x", "evil".getBytes(UTF_8));
    remote.plantRaw("/abs", "evil".getBytes(UTF_8));
    remote.plantRaw("a//b", "evil".getBytes(UTF_8));
    remote.plantRaw("ok.txt", "fine".getBytes(UTF_8));
    remote.write(
        ObjectKey.of("ok.txt"),
        new java.io.ByteArrayInputStream("fine".getBytes(UTF_8)),
        4,
        Map.of(),
        io.cloudsync.storage.WriteCondition.UNCONDITIONAL);
    SyncResult r = sync(a);
    assertThat(r.notices()).anySatisfy(n -> assertThat(n).contains("'../x' skipped"));
    assertThat(r.notices()).anySatisfy(n -> assertThat(n).contains("'/abs' skipped"));
    assertThat(r.notices()).anySatisfy(n -> assertThat(n).contains("'a//b' skipped"));
    assertThat(WorkspaceTree.read(a)).isEqualTo(Map.of("ok.txt", "fine"));
    assertThat(tmp.resolve("inner/x")).doesNotExist();
    assertThat(Path.of("/abs")).doesNotExist();
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(Files::isRegularFile).filter(p -> !p.startsWith(a))).isEmpty();
    }
  }

  @Test
  void corruptedJournalNamesTheWayOutAndRebuildLosesNothing() throws Exception {
    Path a = ws("a");
    write(a, "same.txt", "same");
    write(a, "edited.txt", "v1");
    sync(a);
    Path db = a.resolve(".cloudsync/state.db");
    Files.deleteIfExists(a.resolve(".cloudsync/state.db-wal"));
    Files.deleteIfExists(a.resolve(".cloudsync/state.db-shm"));
    Files.writeString(db, "garbage ".repeat(500));
    write(a, "edited.txt", "v2 local");
    assertThatThrownBy(() -> sync(a))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("--rebuild-journal");
    SyncResult r =
        engine(a).sync(SyncOptions.defaults().withRebuildJournal(true), SyncListener.NONE);
    assertThat(r.errors()).isEmpty();
    assertThat(remote.writes("same.txt")).isEqualTo(1);
    assertThat(WorkspaceTree.read(a).values()).contains("same", "v1", "v2 local");
    assertThat(remoteFiles().values()).contains("same", "v1", "v2 local");
    try (Stream<Path> aside = Files.list(a.resolve(".cloudsync"))) {
      assertThat(aside.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("state.db.corrupt-"));
    }
  }

  @Test
  void workspaceThatIsAFileOrMissingIsAClearError() throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    assertThatThrownBy(() -> sync(file))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("is a file, not a folder");
    assertThatThrownBy(() -> sync(tmp.resolve("missing")))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void unwritableWorkspaceIsAClearErrorAndChangesNothing() throws Exception {
    Path a = ws("a");
    // a file where the state folder must go: works even for root, whom chmod does not stop
    Files.writeString(a.resolve(".cloudsync"), "in the way");
    write(a, "x.txt", "x");
    assertThatThrownBy(() -> sync(a))
        .isInstanceOf(WorkspaceException.class)
        .hasMessageContaining("not writable");
    assertThat(remote.keys()).isEmpty();
  }

  @Test
  void remoteObjectWithoutRecordedHashButEqualContentIsRecognisedNotAConflict() throws Exception {
    Path a = ws("a");
    write(a, "same.txt", "identical");
    write(a, "diff.txt", "mine");
    remote.plantWithoutHash("same.txt", "identical".getBytes(UTF_8));
    remote.plantWithoutHash("diff.txt", "eirs".getBytes(UTF_8));
    SyncResult r = sync(a);
    assertThat(r.conflicts()).isEqualTo(1);
    assertThat(remote.writes("same.txt")).isZero();
    assertThat(WorkspaceTree.read(a))
        .containsEntry("same.txt", "identical")
        .containsEntry("diff.txt", "eirs");
    assertThat(WorkspaceTree.read(a).values()).contains("mine");
    assertThat(sync(a).plan()).isEmpty();
  }
}

package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.support.MemoryBackend;
import io.cloudsync.engine.support.WorkspaceTree;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file on one side where the other side has a folder of that name, end to end with two
 * workspaces: on an object store (the in-memory backend, which holds {@code docs} and {@code
 * docs/readme.md} side by side) and on the local file-system remote (which cannot). Whatever the
 * order, both workspaces end with the folder and its files, the edited file survives as a conflict
 * copy on both sides, and nothing is left open.
 */
class FileFolderConflictTest {
  @TempDir Path tmp;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T07:30:05Z"));
  StorageBackend remote;
  Path a;
  Path b;

  void setUp(String kind) throws IOException {
    if (kind.equals("memory")) {
      remote = new MemoryBackend();
    } else {
      Path folder = Files.createDirectories(tmp.resolve("remote"));
      remote = StorageProviders.load().open(BackendConfig.isolated("file://" + folder));
    }
    a = Files.createDirectories(tmp.resolve("a"));
    b = Files.createDirectories(tmp.resolve("b"));
  }

  SyncResult sync(Path ws, String host, ConflictStrategy strategy) {
    ResolverPolicies policies = new ResolverPolicies(StrategyRules.always(strategy), host, clock);
    return new SyncEngine(ws, remote, policies, clock)
        .sync(SyncOptions.defaults(), SyncListener.NONE);
  }

  SyncResult sync(Path ws, String host) {
    return sync(ws, host, ConflictStrategy.KEEP_BOTH);
  }

  Map<String, String> remoteFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (var file : remote.list("").toList()) {
      try (InputStream in = remote.read(file.key())) {
        out.put(file.key().value(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  void replaceFileByFolder(Path ws) throws IOException {
    Files.delete(ws.resolve("docs"));
    Files.createDirectories(ws.resolve("docs"));
    Files.writeString(ws.resolve("docs/readme.md"), "inside\n");
  }

  /** Files beside {@code docs} that nobody touches (and that keep --max-delete's 50% quiet). */
  static final Map<String, String> OTHERS =
      Map.of("notes/1.md", "one\n", "notes/2.md", "two\n", "notes/3.md", "three\n");

  static Map<String, String> with(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(OTHERS);
    all.putAll(more);
    return all;
  }

  void assertBothWorkspacesAndTheRemoteHold(Map<String, String> expected) throws IOException {
    assertThat(WorkspaceTree.read(a)).as("workspace a").isEqualTo(expected);
    assertThat(WorkspaceTree.read(b)).as("workspace b").isEqualTo(expected);
    assertThat(remoteFiles()).as("the remote").isEqualTo(expected);
  }

  void bothSyncedWithTheFile() throws IOException {
    Files.createDirectories(a.resolve("notes"));
    for (var other : OTHERS.entrySet()) {
      Files.writeString(a.resolve(other.getKey()), other.getValue());
    }
    Files.writeString(a.resolve("docs"), "a file\n");
    sync(a, "box-a");
    sync(b, "box-b");
    assertThat(WorkspaceTree.read(b)).containsEntry("docs", "a file\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "local"})
  void fileReplacedByAFolderOnOneSideAndEditedOnTheOtherEndsAsFolderPlusConflictCopy(String kind)
      throws Exception {
    setUp(kind);
    bothSyncedWithTheFile();
    replaceFileByFolder(a);
    Files.writeString(b.resolve("docs"), "edited on b\n");

    // a: the unchanged remote file goes the way of a deletion; its folder follows next run.
    SyncResult first = sync(a, "box-a");
    assertThat(first.deletedRemote()).isEqualTo(1);
    assertThat(first.conflicts()).isZero();
    assertThat(first.errors()).isEmpty();
    assertThat(sync(a, "box-a").uploaded()).isEqualTo(1);
    assertThat(remoteFiles()).isEqualTo(with(Map.of("docs/readme.md", "inside\n")));

    // b: its edited file meets the folder: it moves to a conflict copy, here and on the remote.
    SyncResult conflict = sync(b, "box-b");
    assertThat(conflict.conflicts()).isEqualTo(1);
    assertThat(conflict.openConflicts()).isZero();
    assertThat(conflict.errors()).isEmpty();
    String copy = "docs.conflict-box-b-20261122-073005";
    assertThat(WorkspaceTree.read(b)).isEqualTo(with(Map.of(copy, "edited on b\n")));
    sync(b, "box-b");
    sync(a, "box-a");

    Map<String, String> expected =
        with(Map.of("docs/readme.md", "inside\n", copy, "edited on b\n"));
    assertBothWorkspacesAndTheRemoteHold(expected);
    assertThat(sync(b, "box-b").plan()).isEmpty();
    assertThat(new SyncEngine(b, remote, ResolverPolicies.keepBoth(clock), clock).openConflicts())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "local"})
  void fileEditedOnTheRemoteWhereTheWorkspaceMadeAFolderIsSavedAsAConflictCopy(String kind)
      throws Exception {
    setUp(kind);
    bothSyncedWithTheFile();
    Files.writeString(b.resolve("docs"), "edited on b\n");
    sync(b, "box-b");
    replaceFileByFolder(a);

    // a: the remote's edited file cannot take the folder's place: it becomes a conflict copy
    // (downloaded here, stored on the remote) and leaves the name to the folder.
    SyncResult conflict = sync(a, "box-a");
    assertThat(conflict.conflicts()).isEqualTo(1);
    assertThat(conflict.openConflicts()).isZero();
    assertThat(conflict.errors()).isEmpty();
    String copy = "docs.conflict-box-a-20261122-073005";
    assertThat(remoteFiles()).isEqualTo(with(Map.of(copy, "edited on b\n")));
    sync(a, "box-a");
    // b: its file is unchanged since it sent it, so the folder replaces it (into the trash).
    SyncResult replaced = sync(b, "box-b");
    assertThat(replaced.deletedLocal()).isEqualTo(1);
    sync(b, "box-b");

    Map<String, String> expected =
        with(Map.of("docs/readme.md", "inside\n", copy, "edited on b\n"));
    assertBothWorkspacesAndTheRemoteHold(expected);
    try (Stream<Path> trash = Files.walk(b.resolve(".cloudsync/trash"))) {
      for (Path trashed : trash.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(trashed)).isEqualTo("edited on b\n");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "local"})
  void manualLeavesBothAsTheyAreAndSaysSo(String kind) throws Exception {
    setUp(kind);
    Files.writeString(a.resolve("docs"), "a file\n");
    Files.createDirectories(b.resolve("docs"));
    Files.writeString(b.resolve("docs/readme.md"), "inside\n");
    sync(b, "box-b");

    SyncResult run = sync(a, "box-a", ConflictStrategy.MANUAL);

    assertThat(run.openConflicts()).isEqualTo(1);
    assertThat(run.notices()).anyMatch(n -> n.startsWith("docs: conflict (FILE_FOLDER) left open"));
    assertThat(WorkspaceTree.read(a)).containsExactly(Map.entry("docs", "a file\n"));
    assertThat(remoteFiles()).containsExactly(Map.entry("docs/readme.md", "inside\n"));
    assertThat(
            new SyncEngine(a, remote, ResolverPolicies.keepBoth(clock), clock)
                .openConflicts().stream().map(c -> c.info().key()))
        .containsExactly(ObjectKey.of("docs"));
  }
}

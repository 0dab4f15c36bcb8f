package io.cloudsync.engine.plan;

import static io.cloudsync.core.SyncOperation.Type.CONFLICT;
import static io.cloudsync.core.SyncOperation.Type.DELETE_LOCAL;
import static io.cloudsync.core.SyncOperation.Type.DELETE_REMOTE;
import static io.cloudsync.core.SyncOperation.Type.DOWNLOAD;
import static io.cloudsync.core.SyncOperation.Type.RECORD_BASE;
import static io.cloudsync.core.SyncOperation.Type.SKIP;
import static io.cloudsync.core.SyncOperation.Type.UPLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.core.VersionToken;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.scan.LocalFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
  private final Map<ObjectKey, JournalEntry> base = new HashMap<>();
  private final Map<ObjectKey, LocalFile> local = new HashMap<>();
  private final Map<ObjectKey, RemoteFile> remote = new HashMap<>();
  private final Set<String> localFolders = new HashSet<>();
  private final Map<ObjectKey, String> skipped = new HashMap<>();

  private static ContentHash sha(String s) {
    return ContentHasher.sha256().hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private void base(String key, String content, String version) {
    base.put(
        ObjectKey.of(key),
        new JournalEntry(
            ObjectKey.of(key),
            sha(content),
            content.length(),
            100,
            Optional.of("ino1"),
            VersionToken.of(version),
            content.length()));
  }

  private void local(String key, String content) {
    local.put(
        ObjectKey.of(key),
        new LocalFile(ObjectKey.of(key), content.length(), 100, Optional.of("ino1"), sha(content)));
  }

  private void remote(String key, String content, String version) {
    remote.put(
        ObjectKey.of(key),
        new RemoteFile(
            ObjectKey.of(key),
            content.length(),
            NOW,
            Optional.of(sha(content)),
            VersionToken.of(version),
            Map.of()));
  }

  private SyncPlan plan() {
    return plan(Direction.BOTH, false);
  }

  private SyncPlan plan(Direction direction, boolean caseInsensitive) {
    return new SyncPlanner()
        .plan(
            new PlanInput(
                base, local, localFolders, skipped, remote, direction, caseInsensitive, NOW));
  }

  private SyncOperation.Type only(SyncPlan plan) {
    assertThat(plan.actions()).hasSize(1);
    return plan.actions().get(0).type();
  }

  @Test
  void sameOnBothSidesDoesNothing() {
    base("a", "x", "v1");
    local("a", "x");
    remote("a", "x", "v1");
    assertThat(plan().actions()).isEmpty();
  }

  @Test
  void localChangeWithRemoteUnchangedUploads() {
    base("a", "x", "v1");
    local("a", "y");
    remote("a", "x", "v1");
    assertThat(only(plan())).isEqualTo(UPLOAD);
    assertThat(plan().actions().get(0).operation().bytes()).isEqualTo(1);
  }

  @Test
  void newLocalFileUploads() {
    local("a", "new");
    assertThat(only(plan())).isEqualTo(UPLOAD);
    assertThat(plan().actions().get(0).base()).isEmpty();
  }

  @Test
  void remoteChangeWithLocalUnchangedDownloads() {
    base("a", "x", "v1");
    local("a", "x");
    remote("a", "z", "v2");
    assertThat(only(plan())).isEqualTo(DOWNLOAD);
  }

  @Test
  void newRemoteObjectDownloads() {
    remote("a", "z", "v2");
    assertThat(only(plan())).isEqualTo(DOWNLOAD);
  }

  @Test
  void localDeletionWithRemoteUnchangedDeletesRemote() {
    base("a", "x", "v1");
    remote("a", "x", "v1");
    assertThat(only(plan())).isEqualTo(DELETE_REMOTE);
  }

  @Test
  void remoteDeletionWithLocalUnchangedDeletesLocal() {
    base("a", "x", "v1");
    local("a", "x");
    assertThat(only(plan())).isEqualTo(DELETE_LOCAL);
  }

  @Test
  void bothChangedToSameContentOnlyRecordsBase() {
    base("a", "x", "v1");
    local("a", "same");
    remote("a", "same", "v2");
    assertThat(only(plan())).isEqualTo(RECORD_BASE);
  }

  @Test
  void bothChangedDifferentlyIsABothModifiedConflict() {
    base("a", "x", "v1");
    local("a", "mine");
    remote("a", "theirs", "v2");
    SyncPlan plan = plan();
    assertThat(only(plan)).isEqualTo(CONFLICT);
    ConflictInfo c = plan.conflicts().get(0);
    assertThat(c.kind()).isEqualTo(ConflictInfo.Kind.BOTH_MODIFIED);
    assertThat(c.base()).contains(sha("x"));
    assertThat(c.local()).contains(sha("mine"));
    assertThat(c.remote()).contains(sha("theirs"));
    assertThat(c.detectedAt()).isEqualTo(NOW);
  }

  @Test
  void createdOnBothSidesWithEqualContentRecordsBase() {
    local("a", "same");
    remote("a", "same", "v1");
    assertThat(only(plan())).isEqualTo(RECORD_BASE);
  }

  @Test
  void createdOnBothSidesWithDifferentContentIsAConflict() {
    local("a", "one");
    remote("a", "two", "v1");
    assertThat(only(plan())).isEqualTo(CONFLICT);
    assertThat(plan().conflicts().get(0).base()).isEmpty();
  }

  @Test
  void localModifiedRemoteDeletedIsAConflict() {
    base("a", "x", "v1");
    local("a", "edited");
    assertThat(only(plan())).isEqualTo(CONFLICT);
    assertThat(plan().conflicts().get(0).kind())
        .isEqualTo(ConflictInfo.Kind.LOCAL_MODIFIED_REMOTE_DELETED);
  }

  @Test
  void localDeletedRemoteModifiedIsAConflict() {
    base("a", "x", "v1");
    remote("a", "edited", "v2");
    assertThat(only(plan())).isEqualTo(CONFLICT);
    assertThat(plan().conflicts().get(0).kind())
        .isEqualTo(ConflictInfo.Kind.LOCAL_DELETED_REMOTE_MODIFIED);
  }

  @Test
  void deletedOnBothSidesForgetsTheBase() {
    base("a", "x", "v1");
    SyncPlan plan = plan();
    assertThat(only(plan)).isEqualTo(RECORD_BASE);
    assertThat(plan.actions().get(0).local()).isEmpty();
    assertThat(plan.actions().get(0).remote()).isEmpty();
  }

  @Test
  void newRemoteVersionWithBaseContentOnlyRefreshesTheBase() {
    base("a", "x", "v1");
    local("a", "x");
    remote("a", "x", "v2");
    assertThat(only(plan())).isEqualTo(RECORD_BASE);
  }

  @Test
  void localEditOnTopOfSameContentNewRemoteVersionUploads() {
    base("a", "x", "v1");
    local("a", "y");
    remote("a", "x", "v2");
    assertThat(only(plan())).isEqualTo(UPLOAD);
  }

  @Test
  void touchedFileWithSameContentRefreshesTheBaseStamp() {
    base("a", "x", "v1");
    local.put(
        ObjectKey.of("a"), new LocalFile(ObjectKey.of("a"), 1, 999, Optional.of("ino1"), sha("x")));
    remote("a", "x", "v1");
    assertThat(only(plan())).isEqualTo(RECORD_BASE);
  }

  @Test
  void remoteWithoutHashCreatedOnBothSidesIsAConflictNotAnOverwrite() {
    local("a", "one");
    remote.put(
        ObjectKey.of("a"),
        new RemoteFile(
            ObjectKey.of("a"), 3, NOW, Optional.empty(), VersionToken.of("v"), Map.of()));
    assertThat(only(plan())).isEqualTo(CONFLICT);
  }

  @Test
  void skippedLocalKeyIsNeitherUploadedNorTakenAsDeleted() {
    base("a", "x", "v1");
    remote("a", "x", "v1");
    skipped.put(ObjectKey.of("a"), "changed while being read; retried next run");
    SyncPlan plan = plan();
    assertThat(only(plan)).isEqualTo(SKIP);
    assertThat(plan.actions().get(0).operation().reason()).contains("changed while being read");
  }

  @Test
  void pushDirectionReportsRemoteChangesInsteadOfApplyingThem() {
    base("a", "x", "v1");
    local("a", "x");
    remote("a", "z", "v2");
    local("b", "new");
    base("c", "c", "v1");
    local("c", "c");
    SyncPlan plan = plan(Direction.PUSH, false);
    assertThat(plan.operations())
        .extracting(SyncOperation::type)
        .containsExactly(SKIP, UPLOAD, SKIP);
    assertThat(plan.actions().get(0).operation().reason()).contains("--direction push");
  }

  @Test
  void pullDirectionReportsLocalChangesInsteadOfSendingThem() {
    base("a", "x", "v1");
    remote("a", "x", "v1");
    local("b", "new");
    remote("c", "c", "v1");
    SyncPlan plan = plan(Direction.PULL, false);
    assertThat(plan.operations())
        .extracting(SyncOperation::type)
        .containsExactly(SKIP, SKIP, DOWNLOAD);
  }

  @Test
  void localFileWhereRemoteHasFolderIsAFileFolderConflict() {
    local("docs", "i am a file");
    remote("docs/readme.md", "inside", "v1");
    SyncPlan plan = plan();
    assertThat(plan.operations()).extracting(SyncOperation::type).containsExactly(CONFLICT, SKIP);
    assertThat(plan.conflicts().get(0).kind()).isEqualTo(ConflictInfo.Kind.FILE_FOLDER);
    assertThat(plan.actions().get(1).operation().reason()).contains("'docs' is a file");
  }

  @Test
  void remoteFileWhereWorkspaceHasFolderIsAFileFolderConflict() {
    localFolders.add("docs");
    local("docs/readme.md", "inside");
    remote("docs", "i am a file", "v1");
    SyncPlan plan = plan();
    assertThat(plan.actions())
        .filteredOn(a -> a.key().value().equals("docs"))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.conflict().orElseThrow().kind())
                    .isEqualTo(ConflictInfo.Kind.FILE_FOLDER));
  }

  @Test
  void remoteFileWhereWorkspaceHasFolderHoldsBackTheUploadsIntoThatFolder() {
    localFolders.add("docs");
    local("docs/readme.md", "inside");
    remote("docs", "i am a file", "v1");
    SyncPlan plan = plan();
    assertThat(plan.operations()).extracting(SyncOperation::type).containsExactly(CONFLICT, SKIP);
    assertThat(plan.operations().get(1).reason())
        .isEqualTo("'docs' is a file on the remote, not a folder; sent once it is gone");
  }

  @Test
  void fileReplacedByAFolderOnTheRemoteAndUnchangedHereIsDeletedHere() {
    base("docs", "i am a file", "v1");
    local("docs", "i am a file");
    remote("docs/readme.md", "inside", "v2");
    SyncPlan plan = plan();
    assertThat(plan.operations())
        .extracting(SyncOperation::type)
        .containsExactly(DELETE_LOCAL, SKIP);
    assertThat(plan.operations().get(0).reason()).isEqualTo("replaced by a folder on the remote");
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void fileReplacedByAFolderInTheWorkspaceAndUnchangedOnTheRemoteIsDeletedThere() {
    base("docs", "i am a file", "v1");
    localFolders.add("docs");
    local("docs/readme.md", "inside");
    remote("docs", "i am a file", "v1");
    SyncPlan plan = plan();
    assertThat(plan.operations())
        .extracting(SyncOperation::type)
        .containsExactly(DELETE_REMOTE, SKIP);
    assertThat(plan.operations().get(0).reason())
        .isEqualTo("replaced by a folder in the workspace");
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void fileReplacedByAFolderOnOneSideAndEditedOnTheOtherIsAFileFolderConflict() {
    base("docs", "i am a file", "v1");
    local("docs", "edited here");
    remote("docs/readme.md", "inside", "v2");
    assertThat(plan().conflicts())
        .extracting(ConflictInfo::kind)
        .containsExactly(ConflictInfo.Kind.FILE_FOLDER);

    local.clear();
    remote.clear();
    localFolders.add("docs");
    local("docs/readme.md", "inside");
    remote("docs", "edited there", "v2");
    assertThat(plan().conflicts())
        .extracting(ConflictInfo::kind)
        .containsExactly(ConflictInfo.Kind.FILE_FOLDER);
  }

  @Test
  void caseOnlyRenameOnRemoteIsReportedNotLoopedOnCaseInsensitiveFilesystem() {
    base("readme.md", "x", "v1");
    local("readme.md", "x");
    remote("README.md", "x", "v2");
    SyncPlan plan = plan(Direction.BOTH, true);
    assertThat(plan.operations()).extracting(SyncOperation::type).containsExactly(SKIP, SKIP);
    assertThat(plan.operations())
        .allSatisfy(op -> assertThat(op.reason()).contains("differs only in case"));
  }

  @Test
  void caseOnlyRenameOnRemoteIsCarriedOnCaseSensitiveFilesystem() {
    base("readme.md", "x", "v1");
    local("readme.md", "x");
    remote("README.md", "x", "v2");
    SyncPlan plan = plan(Direction.BOTH, false);
    assertThat(plan.operations())
        .extracting(SyncOperation::type)
        .containsExactly(DOWNLOAD, DELETE_LOCAL);
  }

  @Test
  void caseOnlyRenameInWorkspaceIsUploadedAndOldNameDeletedRemotely() {
    base("readme.md", "x", "v1");
    local("README.md", "x");
    remote("readme.md", "x", "v1");
    SyncPlan plan = plan(Direction.BOTH, true);
    assertThat(plan.operations())
        .extracting(SyncOperation::type)
        .containsExactly(UPLOAD, DELETE_REMOTE);
  }
}

package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.support.ForwardingBackend;
import io.cloudsync.engine.support.WorkspaceTree;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.SupportsDeferredDurability;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run to a local remote returns without waiting for the disk: its bases stay unconfirmed, under
 * the name of this boot and the mounts written to, until the next run flushes and confirms them.
 * After a restart (the name changes) they are discarded and both sides compared again, so a power
 * cut that tore what the kernel had not written back costs a comparison or a conflict copy, never a
 * file. The boot is played by the remote's scope; the workspace's is this machine's own.
 */
class UnconfirmedBasesTest {
  @TempDir Path ws;
  @TempDir Path remoteDir;

  /** The local backend, its scope settable, its writes and syncs of everything counted. */
  static final class Remote extends ForwardingBackend
      implements SupportsDeferredDurability.Forwarding {
    volatile String boot = "boot A mounts 1";
    final List<String> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger syncsOfEverything = new AtomicInteger();

    Remote(StorageBackend local) {
      super(local);
    }

    @Override
    public RemoteFile write(
        ObjectKey key, InputStream in, long len, Map<String, String> meta, WriteCondition c) {
      writes.add(key.value());
      return super.write(key, in, len, meta, c);
    }

    @Override
    public Object durabilityDelegate() {
      return inner;
    }

    @Override
    public Optional<String> unflushedScope() {
      return Optional.of(boot);
    }

    @Override
    public void syncAll() {
      syncsOfEverything.incrementAndGet();
      SupportsDeferredDurability.syncAll(inner);
    }
  }

  Remote remote;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(
        FileSystemFlush.unflushedScope(List.of(ws)).isPresent(),
        "the workspace's unflushed scope cannot be named here (Linux 6.8+ with syncfs)");
    remote = new Remote(StorageProviders.load().open(BackendConfig.isolated("local:" + remoteDir)));
    Files.writeString(ws.resolve("a.txt"), "alpha");
    Files.createDirectories(ws.resolve("dir"));
    Files.writeString(ws.resolve("dir/b.txt"), "bravo");
  }

  private SyncResult sync() {
    return new SyncEngine(ws, remote, ResolverPolicies.keepBoth(Clock.system()), Clock.system())
        .sync(SyncOptions.defaults(), SyncListener.NONE);
  }

  private List<String> unconfirmedScopes() {
    try (Journal journal = Journal.open(ws.resolve(".cloudsync"))) {
      return journal.unconfirmedScopes();
    }
  }

  @Test
  void aRunLeavesItsBasesUnconfirmedAndTheNextConfirmsThemAfterAFlushWithoutATransfer() {
    SyncResult first = sync();
    assertThat(first.uploaded()).isEqualTo(2);
    assertThat(unconfirmedScopes())
        .singleElement()
        .asString()
        .startsWith("remote: boot A mounts 1; workspace: boot ");
    assertThat(remote.syncsOfEverything).as("nothing to confirm before the first run").hasValue(0);

    SyncResult second = sync();
    assertThat(second.uploaded() + second.downloaded() + second.conflicts()).isZero();
    assertThat(remote.syncsOfEverything).hasValue(1);
    assertThat(unconfirmedScopes()).as("confirmed, and nothing new left").isEmpty();
    assertThat(remote.writes).containsExactlyInAnyOrder("a.txt", "dir/b.txt");
    try (Journal journal = Journal.open(ws.resolve(".cloudsync"))) {
      assertThat(journal.entries())
          .containsOnlyKeys(ObjectKey.of("a.txt"), ObjectKey.of("dir/b.txt"));
    }
  }

  @Test
  void afterARestartTheBasesAreDiscardedAndATornObjectBecomesAConflictCopyWithNothingLost()
      throws IOException {
    assertThat(sync().uploaded()).isEqualTo(2);
    // A power cut: the machine restarts, and the one object the kernel had not written back is
    // left empty on the disk.
    remote.boot = "boot B mounts 1";
    Files.writeString(remoteDir.resolve("dir/b.txt"), "");

    SyncResult after = sync();

    assertThat(remote.syncsOfEverything).as("another boot: nothing to flush for").hasValue(0);
    assertThat(after.errors()).isEmpty();
    assertThat(after.conflicts()).isEqualTo(1);
    assertThat(remote.writes)
        .as("a.txt compared equal and not sent again")
        .filteredOn("a.txt"::equals)
        .hasSize(1);
    Map<String, String> local = WorkspaceTree.read(ws);
    assertThat(local).containsEntry("a.txt", "alpha");
    assertThat(local.values()).as("the edit and the torn copy both kept").contains("bravo", "");
    assertThat(local).hasSize(3);
    assertThat(Files.readString(remoteDir.resolve("a.txt"))).isEqualTo("alpha");
    try (Journal journal = Journal.open(ws.resolve(".cloudsync"))) {
      assertThat(journal.unconfirmedScopes())
          .containsExactly(
              "remote: boot B mounts 1; workspace: "
                  + FileSystemFlush.unflushedScope(List.of(ws)).orElseThrow());
    }
  }

  @Test
  void afterARestartAnObjectWhoseRecordOutlivedItsBytesIsComparedByContentNotTrusted()
      throws IOException {
    assertThat(sync().uploaded()).isEqualTo(2);
    // A power cut that kept the object's size, time and record but not its bytes: what a file
    // system without a journal can leave of a file it had not written back.
    remote.boot = "boot B mounts 1";
    Path torn = remoteDir.resolve("dir/b.txt");
    FileTime stamped = Files.getLastModifiedTime(torn);
    Files.write(torn, new byte[] {0, 0, 0, 0, 0});
    Files.setLastModifiedTime(torn, stamped);

    SyncResult after = sync();

    assertThat(after.conflicts()).as("the zeros are not taken for \"bravo\"").isEqualTo(1);
    Map<String, String> local = WorkspaceTree.read(ws);
    assertThat(local.values()).contains("bravo", "\0\0\0\0\0");
    assertThat(local).containsEntry("a.txt", "alpha").hasSize(3);
  }
}

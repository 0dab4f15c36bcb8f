package io.cloudsync.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.support.MemoryBackend;
import io.cloudsync.engine.support.SimplePolicies;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another writer acts between the plan and the action: nothing is overwritten. */
class RacesTest {
  @TempDir Path tmp;
  final MemoryBackend remote = new MemoryBackend();

  /** Runs {@code hook} once, just before the first write or read it intercepts. */
  static final class Interfering implements StorageBackend {
    final StorageBackend inner;
    Runnable beforeWrite = () -> {};
    Runnable beforeRead = () -> {};

    Interfering(StorageBackend inner) {
      this.inner = inner;
    }

    @Override
    public Stream<ListEntry> listEntries(String prefix) {
      return inner.listEntries(prefix);
    }

    @Override
    public Optional<RemoteFile> stat(ObjectKey key) {
      return inner.stat(key);
    }

    @Override
    public InputStream read(ObjectKey key) {
      Runnable r = beforeRead;
      beforeRead = () -> {};
      r.run();
      return inner.read(key);
    }

    @Override
    public InputStream read(ObjectKey key, ByteRange range) {
      return inner.read(key, range);
    }

    @Override
    public RemoteFile write(
        ObjectKey key, InputStream in, long len, Map<String, String> meta, WriteCondition c) {
      Runnable r = beforeWrite;
      beforeWrite = () -> {};
      r.run();
      return inner.write(key, in, len, meta, c);
    }

    @Override
    public void delete(ObjectKey key, WriteCondition c) {
      Runnable r = beforeWrite;
      beforeWrite = () -> {};
      r.run();
      inner.delete(key, c);
    }

    @Override
    public BackendDescription describe() {
      return inner.describe();
    }

    @Override
    public String location(ObjectKey key) {
      return inner.location(key);
    }
  }

  SyncResult sync(Path ws, StorageBackend backend) {
    return new SyncEngine(ws, backend, new SimplePolicies("keep-both"), Clock.system())
        .sync(SyncOptions.defaults().withMaxDelete(MaxDelete.parse("100%")), SyncListener.NONE);
  }

  void otherWriter(String key, String content) {
    byte[] b = content.getBytes(UTF_8);
    remote.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(b),
        b.length,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }

  @Test
  void uploadThatLosesARaceBecomesAConflictNotAnOverwrite() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Files.writeString(a.resolve("n.txt"), "base");
    sync(a, remote);
    Files.writeString(a.resolve("n.txt"), "mine");
    Interfering backend = new Interfering(remote);
    backend.beforeWrite = () -> otherWriter("n.txt", "theirs");
    SyncResult r = sync(a, backend);
    assertThat(r.uploaded()).isZero();
    assertThat(r.conflicts()).isEqualTo(1);
    assertThat(new String(remote.content("n.txt").orElseThrow(), UTF_8)).isEqualTo("theirs");
    assertThat(Files.readString(a.resolve("n.txt"))).isEqualTo("mine");
    try (Journal j = Journal.open(a.resolve(".cloudsync"))) {
      assertThat(j.allConflicts())
          .singleElement()
          .satisfies(c -> assertThat(c.info().kind()).isEqualTo(ConflictInfo.Kind.LOST_RACE));
    }
    sync(a, remote);
    assertThat(remote.keys()).hasSize(2);
    assertThat(remote.keys().stream().map(k -> new String(remote.content(k).orElseThrow(), UTF_8)))
        .containsExactlyInAnyOrder("mine", "theirs");
  }

  @Test
  void remoteDeleteThatLosesARaceKeepsTheOtherWritersVersion() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Files.writeString(a.resolve("n.txt"), "base");
    sync(a, remote);
    Files.delete(a.resolve("n.txt"));
    Interfering backend = new Interfering(remote);
    backend.beforeWrite = () -> otherWriter("n.txt", "theirs");
    SyncResult r = sync(a, backend);
    assertThat(r.deletedRemote()).isZero();
    assertThat(new String(remote.content("n.txt").orElseThrow(), UTF_8)).isEqualTo("theirs");
    sync(a, remote);
    assertThat(Files.readString(a.resolve("n.txt"))).isEqualTo("theirs");
  }

  @Test
  void localEditDuringDownloadIsNeverClobbered() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Files.writeString(a.resolve("n.txt"), "base");
    sync(a, remote);
    otherWriter("n.txt", "remote edit");
    Interfering backend = new Interfering(remote);
    backend.beforeRead =
        () -> {
          try {
            Files.writeString(a.resolve("n.txt"), "local edit made during the sync, longer");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    SyncResult r = sync(a, backend);
    assertThat(r.downloaded()).isZero();
    assertThat(r.notices())
        .anySatisfy(n -> assertThat(n).contains("changed in the workspace during the sync"));
    assertThat(Files.readString(a.resolve("n.txt")))
        .isEqualTo("local edit made during the sync, longer");
    SyncResult next = sync(a, remote);
    assertThat(next.conflicts()).isEqualTo(1);
    try (Stream<Path> files = Files.list(a)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(
                      p -> {
                        try {
                          return Files.readString(p);
                        } catch (IOException e) {
                          throw new UncheckedIOException(e);
                        }
                      }))
          .containsExactlyInAnyOrder("remote edit", "local edit made during the sync, longer");
    }
  }

  @Test
  void fileChangedWhileUploadingIsSentAgainNextRun() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Files.writeString(a.resolve("n.txt"), "first");
    Interfering backend = new Interfering(remote);
    backend.beforeWrite =
        () -> {
          try {
            Files.writeString(a.resolve("n.txt"), "second, written during the upload");
            Files.setLastModifiedTime(
                a.resolve("n.txt"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    SyncResult r = sync(a, backend);
    assertThat(r.notices()).anySatisfy(n -> assertThat(n).contains("changed while being uploaded"));
    SyncResult next = sync(a, remote);
    assertThat(next.uploaded()).isEqualTo(1);
    assertThat(next.conflicts()).isZero();
    assertThat(new String(remote.content("n.txt").orElseThrow(), UTF_8))
        .isEqualTo("second, written during the upload");
  }
}

package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.SyncStatus;
import io.cloudsync.engine.guice.ClockModule;
import io.cloudsync.engine.guice.ConflictModule;
import io.cloudsync.engine.guice.EngineModule;
import io.cloudsync.engine.guice.StorageModule;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudStorageManagerTest {
  @TempDir Path tmp;

  CloudStorageManager manager(String uri) {
    CloudStorageManager m =
        Guice.createInjector(
                new StorageModule(), new ConflictModule(), new ClockModule(), new EngineModule())
            .getInstance(CloudStorageManager.class);
    m.configureBackend(BackendConfig.isolated(uri));
    return m;
  }

  @Test
  void guiceComposesAManagerThatUploadsListsDownloadsAndDeletes() throws Exception {
    try (CloudStorageManager m =
        manager("local:" + Files.createDirectories(tmp.resolve("remote")))) {
      Path file = Files.writeString(tmp.resolve("in.txt"), "hello");
      RemoteFile up = m.upload(file, ObjectKey.of("docs/in.txt"));
      assertThat(up.size()).isEqualTo(5);
      assertThat(m.listRemoteFiles(""))
          .extracting(f -> f.key().value())
          .containsExactly("docs/in.txt");
      m.download(ObjectKey.of("docs/in.txt"), tmp.resolve("out/copy.txt"));
      assertThat(Files.readString(tmp.resolve("out/copy.txt"))).isEqualTo("hello");
      assertThat(m.getStorageStats().objectCount()).isEqualTo(1);
      assertThat(m.getStorageStats().totalBytes()).isEqualTo(5);
      m.deleteRemoteFile(ObjectKey.of("docs/in.txt"));
      assertThat(m.listRemoteFiles("")).isEmpty();
    }
  }

  @Test
  void syncAllAndStatusReportPendingWorkAndLastSync() throws Exception {
    try (CloudStorageManager m = manager("mem://manager-sync")) {
      Path ws = Files.createDirectories(tmp.resolve("ws"));
      Files.writeString(ws.resolve("a.txt"), "a");
      SyncStatus before = m.getSyncStatus(ws);
      assertThat(before.pendingUploads()).isEqualTo(1);
      assertThat(before.lastSync()).isEmpty();
      assertThat(m.syncAll(ws).uploaded()).isEqualTo(1);
      SyncStatus after = m.getSyncStatus(ws);
      assertThat(after.inSync()).isTrue();
      assertThat(after.lastSync()).isPresent();
    }
  }

  @Test
  void unknownSchemeIsAnInvalidConfigListingKnownOnes() {
    CloudStorageManager m =
        Guice.createInjector(
                new StorageModule(), new ConflictModule(), new ClockModule(), new EngineModule())
            .getInstance(CloudStorageManager.class);
    assertThatThrownBy(() -> m.configureBackend(BackendConfig.isolated("nope://x")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("mem");
  }

  @Test
  void offlineModeSaysItIsNotPartOfThisRelease() {
    CloudStorageManager m = manager("mem://manager-offline");
    assertThatThrownBy(m::enableOfflineMode)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("not part of this release");
    assertThatThrownBy(m::getOfflineQueue)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("not part of this release");
  }
}

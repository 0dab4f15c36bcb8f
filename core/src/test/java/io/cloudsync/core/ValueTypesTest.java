package io.cloudsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static final Instant T1 = Instant.parse("2025-01-20T14:32:00Z");
  private static final Instant T2 = Instant.parse("2025-01-21T09:00:00Z");

  private static RemoteFile file(String key, long size, Instant modified) {
    return new RemoteFile(
        ObjectKey.of(key), size, modified, Optional.empty(), VersionToken.of("v1"), Map.of());
  }

  @Test
  void remoteFileCopiesItsMetadata() {
    Map<String, String> metadata = new HashMap<>(Map.of("a", "1"));
    RemoteFile file =
        new RemoteFile(ObjectKey.of("k"), 1, T1, Optional.empty(), VersionToken.of("v"), metadata);
    metadata.put("b", "2");
    assertThat(file.metadata()).containsOnlyKeys("a");
  }

  @Test
  void remoteFileRefusesNegativeSize() {
    assertThatThrownBy(() -> file("k", -1, T1)).hasMessageContaining("negative");
  }

  @Test
  void versionTokenRefusesBlank() {
    assertThatThrownBy(() -> VersionToken.of(" ")).hasMessageContaining("blank");
  }

  @Test
  void storageStatsAddUpAndKeepTheNewestTime() {
    StorageStats stats = StorageStats.EMPTY.plus(file("a", 10, T2)).plus(file("b", 5, T1));
    assertThat(stats).isEqualTo(new StorageStats(2, 15, Optional.of(T2)));
  }

  @Test
  void syncStatusIsInSyncOnlyWhenNothingWaits() {
    assertThat(new SyncStatus(0, 0, 0, 0, Optional.of(T1), false).inSync()).isTrue();
    assertThat(new SyncStatus(0, 0, 0, 1, Optional.of(T1), false).inSync()).isFalse();
  }

  @Test
  void conflictIsOpenUntilResolved() {
    ConflictInfo open =
        new ConflictInfo(
            ObjectKey.of("k"),
            ConflictInfo.Kind.BOTH_MODIFIED,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T1,
            Optional.empty());
    assertThat(open.isOpen()).isTrue();
    assertThat(
            new ConflictInfo(
                    open.key(),
                    open.kind(),
                    open.base(),
                    open.local(),
                    open.remote(),
                    T1,
                    Optional.of("keep-both"))
                .isOpen())
        .isFalse();
  }

  @Test
  void syncOperationRefusesNegativeBytes() {
    assertThatThrownBy(
            () -> new SyncOperation(SyncOperation.Type.UPLOAD, ObjectKey.of("k"), -1, "new"))
        .hasMessageContaining("negative");
  }

  @Test
  void fixedClockAlwaysSaysTheSameInstant() {
    assertThat(Clock.fixed(T1).now()).isEqualTo(T1);
    assertThat(Clock.system().now()).isAfter(T1);
  }
}

package io.cloudsync.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountPointsTest {
  private static final List<String> MOUNTINFO =
      List.of(
          "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
          "23 22 0:5 / /proc rw,nosuid shared:2 - proc proc rw",
          "30 22 8:17 / /data rw,relatime shared:3 - xfs /dev/sdb1 rw",
          "31 30 8:33 / /data/sync/photos\\0402024 rw shared:4 - ext4 /dev/sdc1 rw",
          "32 30 8:33 /x /data/sync/photos-again rw shared:5 - ext4 /dev/sdc1 rw",
          "33 30 8:17 /data/other /data/sync/bound rw shared:6 - xfs /dev/sdb1 rw",
          "34 22 0:40 / /data/syncing rw shared:7 - tmpfs tmpfs rw");

  @Test
  void aTreeWithNothingMountedInsideSpansTheRootsFileSystemAlone() {
    assertThat(MountPoints.spannedBy(Path.of("/home/ana/remote"), MOUNTINFO))
        .containsExactly(Path.of("/home/ana/remote"));
  }

  @Test
  void otherDevicesMountedInsideTheRootAreFlushedOnceEachAndBindMountsOfItsOwnNot() {
    assertThat(MountPoints.spannedBy(Path.of("/data/sync"), MOUNTINFO))
        .containsExactly(Path.of("/data/sync"), Path.of("/data/sync/photos 2024"));
  }

  @Test
  void theLiveMountTableListsTheRootFirst() throws Exception {
    Path here = Path.of("").toRealPath();

    assertThat(MountPoints.spannedBy(here)).first().isEqualTo(here);
  }
}

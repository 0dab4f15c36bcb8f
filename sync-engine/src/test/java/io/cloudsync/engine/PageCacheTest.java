package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudsync.core.Clock;
import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.support.MemoryBackend;
import io.cloudsync.engine.support.SimplePolicies;
import io.cloudsync.testkit.CachedPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync reads each workspace file once and leaves no cached pages of it behind. */
class PageCacheTest {
  @TempDir Path ws;
  final MemoryBackend remote = new MemoryBackend();

  @Test
  void anUploadedFileKeepsNoPagesInTheCache() throws IOException {
    assumeTrue(FileSystemFlush.available(), "posix_fadvise through the foreign function API");
    byte[] content = new byte[4 << 20];
    new Random(7).nextBytes(content);
    Path file = CachedPages.writeFlushedAndCached(ws.resolve("media/clip.bin"), content);
    OptionalLong before = CachedPages.bytesOf(file);
    assumeTrue(before.isPresent() && before.getAsLong() > 0, "fincore(1) sees the cached pages");

    SyncResult result =
        new SyncEngine(ws, remote, new SimplePolicies("keep-both"), Clock.system())
            .sync(SyncOptions.defaults(), SyncListener.NONE);

    assertThat(result.uploaded()).isEqualTo(1);
    assertThat(remote.content("media/clip.bin"))
        .hasValueSatisfying(sent -> assertThat(sent).isEqualTo(content));
    assertThat(CachedPages.bytesOf(file)).hasValue(0);
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
  }
}

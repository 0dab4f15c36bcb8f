package io.cloudsync.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.testkit.CachedPages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageDroppingInputStreamTest {
  static final int MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void thePagesOfWhatWasReadGoEveryFourMibAndTheRestOnClose() throws IOException {
    assumeTrue(FileSystemFlush.available(), "posix_fadvise through the foreign function API");
    byte[] content = new byte[16 * MIB];
    new Random(11).nextBytes(content);
    Path file = CachedPages.writeFlushedAndCached(dir.resolve("large.bin"), content);
    OptionalLong before = CachedPages.bytesOf(file);
    assumeTrue(before.isPresent() && before.getAsLong() == 16 * MIB, "fincore(1) sees the pages");

    byte[] read = new byte[content.length];
    try (InputStream in = new PageDroppingInputStream(Files.newInputStream(file), file)) {
      for (int mib = 0; mib < 9; mib++) { // as an upload reads: a buffer at a time
        assertThat(in.readNBytes(read, mib * MIB, MIB)).isEqualTo(MIB);
      }
      assertThat(CachedPages.bytesOf(file)).as("the first 8 MiB dropped").hasValue(8L * MIB);
      assertThat(in.readNBytes(read, 9 * MIB, 7 * MIB)).isEqualTo(7 * MIB);
      assertThat(in.read()).isEqualTo(-1);
    }

    assertThat(read).isEqualTo(content);
    assertThat(CachedPages.bytesOf(file)).as("all of it, once closed").hasValue(0);
    assertThat(Arrays.equals(Files.readAllBytes(file), content)).isTrue();
  }
}

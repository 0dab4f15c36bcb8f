package io.cloudsync.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.RemoteFile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarTest {
  private static final long MODIFIED = 1_795_368_268_299_123_456L;

  private static Sidecar record(long size, Map<String, String> metadata) {
    return new Sidecar(
        "docs/a.txt",
        DurableFiles.generation(),
        ContentHasher.sha256().hash("a".getBytes(StandardCharsets.UTF_8)),
        metadata,
        new FileStamp(size, MODIFIED, "", 0));
  }

  @Test
  void attributeOfASyncedFileUnder256MiBFitsInAnExt4Inode() {
    Map<String, String> synced = Map.of(RemoteFile.MTIME_METADATA_KEY, "1795368268299");

    assertThat(record(0, synced).encodeAttribute()).hasSizeLessThanOrEqualTo(60);
    assertThat(record(64 * 1024, synced).encodeAttribute()).hasSizeLessThanOrEqualTo(60);
    assertThat(record((256L << 20) - 1, synced).encodeAttribute()).hasSize(60);
  }

  @Test
  void attributeRoundTripsEverythingButTheKeyIdentityAndChangeTime() {
    Sidecar written =
        record(
            Long.MAX_VALUE,
            Map.of(
                RemoteFile.MTIME_METADATA_KEY,
                "1795368268299",
                "owner",
                "ana = lead: #1",
                "note",
                " leading space\nand a line"));

    Sidecar read = Sidecar.decodeAttribute("docs/a.txt", written.encodeAttribute()).orElseThrow();

    assertThat(read).isEqualTo(written);
  }

  @Test
  void writerMtimeThatIsNotAPlainNumberTravelsAsText() {
    Sidecar written = record(5, Map.of(RemoteFile.MTIME_METADATA_KEY, "007"));

    Sidecar read = Sidecar.decodeAttribute("docs/a.txt", written.encodeAttribute()).orElseThrow();

    assertThat(read.metadata()).containsEntry(RemoteFile.MTIME_METADATA_KEY, "007");
  }

  @Test
  void recordWithAnOlderLongerGenerationIsWrittenAsTextAndReadBack() {
    Sidecar older =
        new Sidecar(
            "k",
            "0123456789abcdef0123456789abcdef",
            ContentHasher.sha256().hash(new byte[0]),
            Map.of(),
            new FileStamp(0, MODIFIED, "", 0));

    byte[] value = older.encodeAttribute();

    assertThat(new String(value, StandardCharsets.UTF_8)).startsWith("generation=");
    assertThat(Sidecar.decodeAttribute("k", value)).contains(older);
  }

  @Test
  void truncatedOrOverlongValuesAreRefusedNotMisread() {
    byte[] whole = record(5, Map.of()).encodeAttribute();

    for (int length = 1; length < whole.length; length++) {
      assertThat(Sidecar.decodeAttribute("k", java.util.Arrays.copyOf(whole, length))).isEmpty();
    }
    byte[] overlong = java.util.Arrays.copyOf(whole, whole.length + 10);
    java.util.Arrays.fill(overlong, whole.length - 1, overlong.length, (byte) 0xff);
    assertThat(Sidecar.decodeAttribute("k", overlong)).isEmpty();
  }

  @Test
  void generationsAreSixteenHexDigitsAndDoNotRepeat() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String generation = DurableFiles.generation();
      assertThat(generation).matches("[0-9a-f]{16}");
      assertThat(seen.add(generation)).isTrue();
    }
  }
}

package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Content and metadata round trips, missing objects and ranged reads: part of {@link
 * StorageBackendContract}; extend that class, not this one.
 */
public abstract class RoundTripCases extends BackendContractSupport {

  @Test
  void roundTripsAnEmptyObject() {
    RemoteFile written = put(key("empty"), new byte[0]);

    assertThat(written.size()).isZero();
    assertThat(written.hash()).contains(ContentHash.EMPTY);
    assertStored(key("empty"), new byte[0]);
  }

  @Test
  void roundTripsOneByte() {
    RemoteFile written = put(key("one"), new byte[] {(byte) 0xA7});

    assertThat(written.size()).isEqualTo(1);
    assertStored(key("one"), new byte[] {(byte) 0xA7});
  }

  @Test
  void roundTripsAMidSizedObject() {
    byte[] content = randomBytes(3 * 1024 * 1024 + 17, 7);

    RemoteFile written = put(key("mid.bin"), content);

    assertThat(written.size()).isEqualTo(content.length);
    assertThat(written.hash()).contains(sha256(content));
    assertStored(key("mid.bin"), content);
  }

  @Test
  void roundTripsALargeObjectStreamedWhileTheHeapStaysBounded() throws IOException {
    long size = largeObjectBytes();
    long limit = heapGrowthLimitBytes() + (contentIsHeldOnHeap() ? size : 0);
    ObjectKey key = key("large.bin");
    long baseline = usedHeapAfterGc();
    GeneratedContent source = new GeneratedContent(size, 256);
    try {
      RemoteFile written =
          backend().write(key, source, size, Map.of(), WriteCondition.UNCONDITIONAL);
      ContentHash expected = source.hash();

      assertThat(source.served()).as("bytes read from the source").isEqualTo(size);
      assertThat(written.size()).isEqualTo(size);
      assertThat(written.hash()).contains(expected);
      assertThat(usedHeapAfterGc() - baseline).as("heap growth after the write").isLessThan(limit);
      long read = 0;
      ContentHash readHash;
      byte[] buffer = new byte[64 * 1024];
      try (HashingInputStream in = ContentHasher.sha256().hashing(backend().read(key))) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          read += n;
          if (read >= size / 2 && read - n < size / 2) {
            assertThat(usedHeapAfterGc() - baseline)
                .as("heap growth half-way through the read")
                .isLessThan(limit);
          }
        }
        readHash = in.hash();
      }
      assertThat(read).isEqualTo(size);
      assertThat(readHash).isEqualTo(expected);
    } finally {
      backend().delete(key, WriteCondition.UNCONDITIONAL);
    }
  }

  @Test
  void keepsUserMetadataThroughARoundTrip() {
    Map<String, String> metadata = Map.of("owner", "ana", "purpose", "contract-test");
    byte[] content = utf8("with metadata");

    RemoteFile written =
        backend()
            .write(
                key("meta.txt"),
                new ByteArrayInputStream(content),
                content.length,
                metadata,
                WriteCondition.UNCONDITIONAL);

    assertThat(written.metadata()).containsAllEntriesOf(metadata);
    assertThat(backend().stat(key("meta.txt")).orElseThrow().metadata())
        .containsAllEntriesOf(metadata);
  }

  @Test
  void storesTheSha256OfTheContentAfterEveryWrite() {
    byte[] content = utf8("hash me");

    RemoteFile written = put(key("hashed.txt"), content);
    RemoteFile stat = backend().stat(key("hashed.txt")).orElseThrow();

    assertThat(written.hash()).contains(sha256(content));
    assertThat(stat.hash()).contains(sha256(content));
    assertThat(stat.metadata().getOrDefault(ContentHash.METADATA_KEY, sha256(content).hex()))
        .as("the %s metadata entry, when shown", ContentHash.METADATA_KEY)
        .isEqualTo(sha256(content).hex());
  }

  @Test
  void neverRecordsAClaimedHashThatDiffersFromTheContentReceived() {
    byte[] content = utf8("the real content");
    Map<String, String> lie = Map.of(ContentHash.METADATA_KEY, sha256(utf8("other")).hex());
    ObjectKey key = key("claimed.txt");

    try {
      RemoteFile written =
          backend()
              .write(
                  key,
                  new ByteArrayInputStream(content),
                  content.length,
                  lie,
                  WriteCondition.UNCONDITIONAL);
      assertThat(written.hash()).contains(sha256(content));
      assertStored(key, content);
    } catch (StorageException refused) {
      // Refusing the write is the other honest answer; then nothing may be stored.
      assertThat(refused.getMessage()).contains(backend().location(key));
      assertThat(backend().stat(key)).isEmpty();
    }
  }

  @Test
  void readsExactlyTheGivenLengthAndLeavesTheStreamOpen() {
    GeneratedContent source = new GeneratedContent(1000, 5);

    RemoteFile written =
        backend()
            .write(key("prefix-of-stream"), source, 600, Map.of(), WriteCondition.UNCONDITIONAL);

    assertThat(written.size()).isEqualTo(600);
    assertThat(bytesOf(key("prefix-of-stream")))
        .isEqualTo(Arrays.copyOf(randomBytes(1000, 5), 600));
    assertThat(source.closed()).as("the caller's stream was closed").isFalse();
  }

  @Test
  void aStreamThatEndsEarlyStoresNothingAndKeepsTheOldVersion() {
    ObjectKey key = key("short.bin");
    RemoteFile old = put(key, utf8("old content"));

    assertThatThrownBy(
            () ->
                backend()
                    .write(
                        key,
                        GeneratedContent.endingAfter(100_000, 3, 40_000),
                        100_000,
                        Map.of(),
                        WriteCondition.UNCONDITIONAL))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(backend().location(key));

    assertStored(key, utf8("old content"));
    assertThat(backend().stat(key).orElseThrow().version()).isEqualTo(old.version());
  }

  @Test
  void aStreamThatFailsPartWayStoresNothing() {
    ObjectKey key = key("reset.bin");

    assertThatThrownBy(
            () ->
                backend()
                    .write(
                        key,
                        GeneratedContent.failingAfter(100_000, 3, 50_000),
                        100_000,
                        Map.of(),
                        WriteCondition.UNCONDITIONAL))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(backend().location(key));

    assertThat(backend().stat(key)).isEmpty();
    assertThat(backend().exists(key)).isFalse();
  }

  @Test
  void anUnconditionalWriteReplacesTheContent() {
    ObjectKey key = key("replaced.txt");
    put(key, utf8("first version, longer"));

    put(key, utf8("second"));

    assertStored(key, utf8("second"));
  }

  @Test
  void aReaderSeesTheOldContentOrTheNewNeverAMix() throws IOException {
    ObjectKey key = key("atomic.txt");
    byte[] before = utf8("A".repeat(4096));
    byte[] after = utf8("B".repeat(4096));
    put(key, before);

    try (InputStream opened = backend().read(key)) {
      put(key, after);
      assertThat(opened.readAllBytes()).isIn(before, after);
    }
    assertStored(key, after);
  }

  @Test
  void statOfAMissingKeyIsEmpty() {
    assertThat(backend().stat(key("missing"))).isEmpty();
    assertThat(backend().exists(key("missing"))).isFalse();
  }

  @Test
  void statOfAWrittenKeyDescribesIt() {
    RemoteFile written = put(key("present.txt"), utf8("12345"));

    RemoteFile stat = backend().stat(key("present.txt")).orElseThrow();

    assertThat(stat.key()).isEqualTo(key("present.txt"));
    assertThat(stat.size()).isEqualTo(5);
    assertThat(stat.version()).isEqualTo(written.version());
    assertThat(backend().exists(key("present.txt"))).isTrue();
  }

  @Test
  void readingAMissingKeyFailsWithNotFoundNamingItsLocation() {
    ObjectKey key = key("nowhere.txt");

    assertThatThrownBy(() -> backend().read(key).close())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(backend().location(key));
    assertThatThrownBy(() -> backend().read(key, new ByteRange(0, 1)).close())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(backend().location(key));
  }

  @Test
  void readsARangeFromTheMiddle() throws IOException {
    Assumptions.assumeTrue(supportsRangedReads(), "ranged reads not supported");
    byte[] content = randomBytes(200_000, 11);
    put(key("ranged.bin"), content);

    try (InputStream in = backend().read(key("ranged.bin"), new ByteRange(70_000, 50_000))) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 70_000, 120_000));
    }
  }

  @Test
  void aRangeRunningPastTheEndIsCutAtTheEnd() throws IOException {
    Assumptions.assumeTrue(supportsRangedReads(), "ranged reads not supported");
    put(key("tail.txt"), utf8("0123456789"));

    try (InputStream in = backend().read(key("tail.txt"), new ByteRange(6, 100))) {
      assertThat(in.readAllBytes()).isEqualTo(utf8("6789"));
    }
    try (InputStream in = backend().read(key("tail.txt"), new ByteRange(10, 5))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
    try (InputStream in = backend().read(key("tail.txt"), new ByteRange(50, 5))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void aZeroLengthRangeReadsNothing() throws IOException {
    Assumptions.assumeTrue(supportsRangedReads(), "ranged reads not supported");
    put(key("zero-range.txt"), utf8("0123456789"));

    try (InputStream in = backend().read(key("zero-range.txt"), new ByteRange(3, 0))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }
}

package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureStorageBackendTest {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  /** Small sizes, so that block uploads are exercised with little data. */
  private static final Map<String, String> SMALL_BLOCKS =
      Map.of(
          "single-upload-threshold", "64K",
          "block-size", "16K",
          "concurrency", "3",
          "list-page-size", "7");

  private String container;
  private AzureStorageBackend backend;

  @BeforeEach
  void openBackend() {
    container = AzuriteBackends.freshContainer();
    backend = AzuriteBackends.open(AZURITE, container, "root/dir", SMALL_BLOCKS);
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  private BlobContainerClient rawContainer() {
    return new BlobServiceClientBuilder()
        .connectionString(AZURITE.connectionString())
        .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
        .buildClient()
        .getBlobContainerClient(container);
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private RemoteFile put(String key, byte[] data, WriteCondition condition) {
    return backend.write(
        ObjectKey.of(key), new ByteArrayInputStream(data), data.length, Map.of(), condition);
  }

  private byte[] get(String key) throws IOException {
    try (InputStream in = backend.read(ObjectKey.of(key))) {
      return in.readAllBytes();
    }
  }

  @Test
  void smallContentRoundTripsWithItsHashAndMetadata() throws IOException {
    byte[] data = "hello azure".getBytes(StandardCharsets.UTF_8);
    RemoteFile written =
        backend.write(
            ObjectKey.of("docs/a.txt"),
            new ByteArrayInputStream(data),
            data.length,
            Map.of("origin", "laptop", "cloudsync-mtime", "1700000000"),
            WriteCondition.UNCONDITIONAL);

    assertThat(get("docs/a.txt")).isEqualTo(data);
    RemoteFile stat = backend.stat(ObjectKey.of("docs/a.txt")).orElseThrow();
    assertThat(stat.size()).isEqualTo(data.length);
    assertThat(stat.version()).isEqualTo(written.version());
    assertThat(stat.hash()).contains(ContentHasher.sha256().hash(data));
    assertThat(stat.metadata())
        .containsEntry("origin", "laptop")
        .containsEntry("cloudsync-mtime", "1700000000")
        .containsEntry("cloudsync-sha256", ContentHasher.sha256().hash(data).hex());
    assertThat(rawContainer().getBlobClient("root/dir/docs/a.txt").getProperties().getMetadata())
        .containsKey("cloudsync_hsha256");
  }

  @Test
  void largeContentIsStagedInBlocksAndCommittedOnce() throws IOException {
    byte[] data = bytes(200_000, 1);
    RemoteFile written = put("big.bin", data, WriteCondition.UNCONDITIONAL);

    assertThat(get("big.bin")).isEqualTo(data);
    assertThat(written.hash()).contains(ContentHasher.sha256().hash(data));
    var blocks =
        rawContainer()
            .getBlobClient("root/dir/big.bin")
            .getBlockBlobClient()
            .listBlocks(com.azure.storage.blob.models.BlockListType.ALL);
    assertThat(blocks.getCommittedBlocks()).hasSize(13);
    assertThat(blocks.getUncommittedBlocks()).isEmpty();
    assertThat(backend.stat(ObjectKey.of("big.bin")).orElseThrow().hash())
        .contains(ContentHasher.sha256().hash(data));
  }

  @Test
  void parallelUploadsShareTheBackendsBufferBudget() throws Exception {
    Map<String, String> tight = new java.util.HashMap<>(SMALL_BLOCKS);
    tight.put("single-upload-threshold", "16K");
    tight.put("upload-buffer", "48K");
    try (AzureStorageBackend shared = AzuriteBackends.open(AZURITE, container, "budget", tight)) {
      var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        List<java.util.concurrent.Future<RemoteFile>> writes =
            IntStream.range(0, 6)
                .mapToObj(
                    i ->
                        pool.submit(
                            () ->
                                shared.write(
                                    ObjectKey.of("p" + i),
                                    new ByteArrayInputStream(bytes(100_000 + i, 10 + i)),
                                    100_000 + i,
                                    Map.of(),
                                    WriteCondition.UNCONDITIONAL)))
                .toList();
        for (var write : writes) {
          write.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (int i = 0; i < 6; i++) {
        try (InputStream in = shared.read(ObjectKey.of("p" + i))) {
          assertThat(in.readAllBytes()).isEqualTo(bytes(100_000 + i, 10 + i));
        }
      }
    }
  }

  @Test
  void failedBlockUploadLeavesTheOldBlobUntouched() throws IOException {
    byte[] old = "the old content".getBytes(StandardCharsets.UTF_8);
    RemoteFile before = put("keep.bin", old, WriteCondition.UNCONDITIONAL);
    InputStream failing =
        new InputStream() {
          private final ByteArrayInputStream data = new ByteArrayInputStream(bytes(300_000, 2));
          private int served;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (served > 150_000) {
              throw new IOException("disk went away");
            }
            int n = data.read(b, off, len);
            served += Math.max(n, 0);
            return n;
          }
        };

    assertThatThrownBy(
            () ->
                backend.write(
                    ObjectKey.of("keep.bin"),
                    failing,
                    300_000,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessageStartingWith("az://" + container + "/root/dir/keep.bin: ")
        .hasMessageContaining("disk went away");

    assertThat(get("keep.bin")).isEqualTo(old);
    assertThat(backend.stat(ObjectKey.of("keep.bin")).orElseThrow().version())
        .isEqualTo(before.version());
  }

  @Test
  void contentEndingEarlyStoresNothing() {
    byte[] data = bytes(100_000, 3);
    assertThatThrownBy(
            () ->
                backend.write(
                    ObjectKey.of("short.bin"),
                    new ByteArrayInputStream(data),
                    data.length + 10,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("ended after 100000 of 100010 bytes");
    assertThatThrownBy(
            () ->
                backend.write(
                    ObjectKey.of("short-small.bin"),
                    new ByteArrayInputStream(new byte[5]),
                    6,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class);
    assertThat(backend.exists(ObjectKey.of("short.bin"))).isFalse();
    assertThat(backend.exists(ObjectKey.of("short-small.bin"))).isFalse();
  }

  @Test
  void conditionsCompareTheEtag() {
    RemoteFile first = put("c.txt", new byte[] {1}, WriteCondition.IF_ABSENT);
    assertThatThrownBy(() -> put("c.txt", new byte[] {2}, WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith("az://" + container + "/root/dir/c.txt: ");
    RemoteFile second = put("c.txt", new byte[] {3}, WriteCondition.ifMatch(first.version()));
    assertThat(second.version()).isNotEqualTo(first.version());
    assertThatThrownBy(() -> put("c.txt", new byte[] {4}, WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    byte[] big = bytes(100_000, 4);
    assertThatThrownBy(() -> put("c.txt", big, WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> put("c.txt", big, WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () -> backend.delete(ObjectKey.of("c.txt"), WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    backend.delete(ObjectKey.of("c.txt"), WriteCondition.ifMatch(second.version()));
    assertThat(backend.exists(ObjectKey.of("c.txt"))).isFalse();
    assertThatThrownBy(
            () -> backend.delete(ObjectKey.of("c.txt"), WriteCondition.ifMatch(second.version())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> put("c.txt", new byte[] {5}, WriteCondition.ifMatch(second.version())))
        .isInstanceOf(PreconditionFailedException.class);
    backend.delete(ObjectKey.of("c.txt"), WriteCondition.UNCONDITIONAL);
  }

  @Test
  void rangedReadsReturnTheSliceAndStopAtTheEnd() throws IOException {
    byte[] data = bytes(10_000, 5);
    put("r.bin", data, WriteCondition.UNCONDITIONAL);
    try (InputStream in = backend.read(ObjectKey.of("r.bin"), new ByteRange(100, 50))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 150));
    }
    try (InputStream in = backend.read(ObjectKey.of("r.bin"), new ByteRange(9_990, 100))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 9_990, 10_000));
    }
    try (InputStream in = backend.read(ObjectKey.of("r.bin"), new ByteRange(20_000, 10))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
    assertThatThrownBy(() -> backend.read(ObjectKey.of("nope.bin"), new ByteRange(0, 1)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> backend.read(ObjectKey.of("nope.bin")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("az://" + container + "/root/dir/nope.bin: not found");
  }

  @Test
  void listingIsPaginatedAndReportsInvalidNames() {
    IntStream.range(0, 23)
        .forEach(i -> put("many/f" + i, new byte[] {(byte) i}, WriteCondition.UNCONDITIONAL));
    BlobContainerClient raw = rawContainer();
    raw.getBlobClient("root/dir/many/a//b").upload(BinaryData.fromString("x"));
    raw.getBlobClient("root/dir/many/folder/").upload(BinaryData.fromString(""));
    raw.getBlobClient("root/dir/many/cafe\u0301.txt").upload(BinaryData.fromString("nfd"));
    raw.getBlobClient("elsewhere/x").upload(BinaryData.fromString("x"));

    List<ListEntry> entries;
    try (Stream<ListEntry> stream = backend.listEntries("many/")) {
      entries = stream.toList();
    }
    assertThat(entries.stream().filter(RemoteFile.class::isInstance)).hasSize(23);
    assertThat(
            entries.stream()
                .filter(RejectedKey.class::isInstance)
                .map(e -> ((RejectedKey) e).rawName()))
        .containsExactlyInAnyOrder("many/a//b", "many/cafe\u0301.txt");
    assertThat(entries)
        .filteredOn(RejectedKey.class::isInstance)
        .map(e -> ((RejectedKey) e).reason())
        .contains("name is not in Unicode NFC");
    assertThat(backend.list("").count()).isEqualTo(23);
    assertThat(backend.stats("many/").objectCount()).isEqualTo(23);
    assertThat(backend.list("many/f1").map(f -> f.key().value()).sorted())
        .containsExactly(
            "many/f1",
            "many/f10",
            "many/f11",
            "many/f12",
            "many/f13",
            "many/f14",
            "many/f15",
            "many/f16",
            "many/f17",
            "many/f18",
            "many/f19");
  }

  @Test
  void copyHappensOnTheServerWithContentAndMetadata() throws IOException {
    byte[] data = bytes(5_000, 6);
    backend.write(
        ObjectKey.of("src.bin"),
        new ByteArrayInputStream(data),
        data.length,
        Map.of("origin", "x"),
        WriteCondition.UNCONDITIONAL);
    RemoteFile copy =
        backend.copy(
            ObjectKey.of("src.bin"), ObjectKey.of("dst/copy.bin"), WriteCondition.IF_ABSENT);
    assertThat(get("dst/copy.bin")).isEqualTo(data);
    assertThat(copy.hash()).contains(ContentHasher.sha256().hash(data));
    assertThat(copy.metadata()).containsEntry("origin", "x");
    assertThatThrownBy(
            () ->
                backend.copy(
                    ObjectKey.of("src.bin"),
                    ObjectKey.of("dst/copy.bin"),
                    WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () ->
                backend.copy(
                    ObjectKey.of("missing"), ObjectKey.of("x"), WriteCondition.UNCONDITIONAL))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("az://" + container + "/root/dir/missing: ");
  }

  @Test
  void createBucketCreatesTheContainerOnce() {
    String other = AzuriteBackends.freshContainer();
    try (var fresh =
        (AzureStorageBackend)
            AzuriteBackends.openRaw("az://" + other, Map.of(), AzuriteBackends.env(AZURITE))) {
      assertThat(fresh.describe().health()).isEqualTo(BackendDescription.Health.MISSING);
      assertThat(fresh.createBucket()).isTrue();
      assertThat(fresh.createBucket()).isFalse();
      BackendDescription description = fresh.describe();
      assertThat(description.health()).isEqualTo(BackendDescription.Health.CONNECTED);
      assertThat(description.location()).isEqualTo("az://" + other);
      assertThat(description.details())
          .containsEntry("account", "devstoreaccount1")
          .containsEntry("container", other)
          .containsEntry("endpoint", AZURITE.blobEndpoint());
      assertThat(description.toString()).doesNotContain(AZURITE.accountKey());
    }
  }

  @Test
  void deletingAMissingKeyUnconditionallySucceeds() {
    backend.delete(ObjectKey.of("never/there"), WriteCondition.UNCONDITIONAL);
    assertThat(backend.stat(ObjectKey.of("never/there"))).isEmpty();
  }
}

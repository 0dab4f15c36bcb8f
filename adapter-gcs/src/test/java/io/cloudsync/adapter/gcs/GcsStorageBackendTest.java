package io.cloudsync.adapter.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.gcs.GcsEmulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GCS specifics through the official client against {@link GcsEmulator} (no GCS server runs on
 * these machines; the emulator follows the documented JSON API): upload paths, generations as
 * versions, prefixes, hostile names, missing buckets.
 */
class GcsStorageBackendTest {
  private static GcsEmulator emulator;
  private static int bucketCounter;
  private String bucket;
  private StorageBackend backend;

  @BeforeAll
  static void startEmulator() {
    emulator = GcsEmulator.start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void openBackend() {
    bucket = "spec-" + (++bucketCounter);
    emulator.createBucket(bucket);
    backend = open("gs://" + bucket + "/root?upload-threshold=1M&chunk-size=256K");
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  private static StorageBackend open(String uri) {
    return new GcsStorageProvider()
        .open(
            new BackendConfig(
                BackendUri.parse(uri),
                Map.of(),
                Map.of("STORAGE_EMULATOR_HOST", emulator.hostAndPort())));
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private RemoteFile put(String key, byte[] content, WriteCondition condition) {
    return backend.write(
        ObjectKey.of(key), new ByteArrayInputStream(content), content.length, Map.of(), condition);
  }

  private byte[] get(String key) throws IOException {
    try (InputStream in = backend.read(ObjectKey.of(key))) {
      return in.readAllBytes();
    }
  }

  @Test
  void smallWriteGoesInOneMultipartRequestWithTheSha256AndGenerationAsVersion() throws IOException {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    RemoteFile written = put("docs/a.txt", content, WriteCondition.IF_ABSENT);

    assertThat(get("docs/a.txt")).isEqualTo(content);
    assertThat(written.hash()).contains(ContentHasher.sha256().hash(content));
    assertThat(written.version().value()).matches("\\d+");
    assertThat(emulator.objectNames(bucket)).containsExactly("root/docs/a.txt");
    assertThat(emulator.metadata(bucket, "root/docs/a.txt").orElseThrow())
        .containsEntry("cloudsync-sha256", ContentHasher.sha256().hash(content).hex());
    assertThat(emulator.requests()).anyMatch(r -> r.contains("uploadType=multipart"));
  }

  @Test
  void largeWriteGoesByResumableUploadInChunksAndReadsBackWhole() throws IOException {
    byte[] content = bytes(3 * 1024 * 1024 + 17, 1);
    int before = emulator.requests().size();
    RemoteFile written = put("big.bin", content, WriteCondition.UNCONDITIONAL);

    List<String> requests = emulator.requests().subList(before, emulator.requests().size());
    assertThat(requests).anyMatch(r -> r.contains("uploadType=resumable"));
    assertThat(requests.stream().filter(r -> r.startsWith("PUT ")).count()).isGreaterThan(1);
    assertThat(get("big.bin")).isEqualTo(content);
    assertThat(written.size()).isEqualTo(content.length);
    assertThat(written.hash()).contains(ContentHasher.sha256().hash(content));
  }

  @Test
  void rangedReadReturnsTheSliceAndStopsAtTheEnd() throws IOException {
    byte[] content = bytes(5000, 2);
    put("r.bin", content, WriteCondition.UNCONDITIONAL);

    try (InputStream in = backend.read(ObjectKey.of("r.bin"), new ByteRange(100, 50))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 150));
    }
    try (InputStream in = backend.read(ObjectKey.of("r.bin"), new ByteRange(4990, 100))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 4990, 5000));
    }
    try (InputStream in = backend.read(ObjectKey.of("r.bin"), new ByteRange(6000, 10))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void staleGenerationIsRefusedForWriteAndDelete() {
    RemoteFile first = put("c.txt", new byte[] {1}, WriteCondition.IF_ABSENT);
    RemoteFile second = put("c.txt", new byte[] {2}, WriteCondition.ifMatch(first.version()));

    assertThat(second.version()).isNotEqualTo(first.version());
    assertThatThrownBy(() -> put("c.txt", new byte[] {3}, WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith("gs://" + bucket + "/root/c.txt: ");
    assertThatThrownBy(() -> put("c.txt", new byte[] {3}, WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () -> backend.delete(ObjectKey.of("c.txt"), WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    backend.delete(ObjectKey.of("c.txt"), WriteCondition.ifMatch(second.version()));
    assertThat(backend.exists(ObjectKey.of("c.txt"))).isFalse();
  }

  @Test
  void listingPagesLazilyAndReportsHostileNamesAsRejected() {
    for (int i = 0; i < 1203; i++) {
      emulator.plant(bucket, "root/many/" + i, new byte[] {1});
    }
    emulator.plant(bucket, "root/../escape", new byte[] {2});
    emulator.plant(bucket, "root/folder/", new byte[0]);
    emulator.plant(bucket, "elsewhere/x", new byte[] {3});

    List<ListEntry> entries;
    try (Stream<ListEntry> listed = backend.listEntries("")) {
      entries = listed.toList();
    }
    assertThat(entries.stream().filter(RemoteFile.class::isInstance)).hasSize(1203);
    assertThat(
            entries.stream()
                .filter(RejectedKey.class::isInstance)
                .map(e -> ((RejectedKey) e).rawName()))
        .containsExactly("../escape");
    assertThat(
            emulator.requests().stream()
                .filter(r -> r.startsWith("GET /storage/v1/b/" + bucket + "/o?")))
        .hasSize(2);
  }

  @Test
  void copyIsServerSideAndKeepsTheHash() throws IOException {
    byte[] content = "copy me".getBytes(StandardCharsets.UTF_8);
    put("src.txt", content, WriteCondition.UNCONDITIONAL);

    RemoteFile copy =
        ((SupportsCopy) backend)
            .copy(ObjectKey.of("src.txt"), ObjectKey.of("dst.txt"), WriteCondition.IF_ABSENT);

    assertThat(get("dst.txt")).isEqualTo(content);
    assertThat(copy.hash()).contains(ContentHasher.sha256().hash(content));
    assertThat(emulator.requests()).anyMatch(r -> r.contains("/rewriteTo/b/"));
    assertThatThrownBy(
            () ->
                ((SupportsCopy) backend)
                    .copy(
                        ObjectKey.of("nope.txt"),
                        ObjectKey.of("x.txt"),
                        WriteCondition.UNCONDITIONAL))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("gs://" + bucket + "/root/nope.txt: not found");
  }

  @Test
  void missingBucketIsNamedInReadsAndDescribe() {
    StorageBackend missing = open("gs://no-such-bucket/p");

    assertThatThrownBy(() -> missing.read(ObjectKey.of("a.txt")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("gs://no-such-bucket/p/a.txt: bucket 'no-such-bucket' does not exist");
    assertThatThrownBy(() -> put(missing, "a.txt"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("gs://no-such-bucket/p/a.txt: bucket 'no-such-bucket' does not exist");
    assertThat(missing.describe().health()).isEqualTo(BackendDescription.Health.MISSING);
    assertThat(((SupportsBucketCreation) missing).createBucket()).isTrue();
    assertThat(((SupportsBucketCreation) missing).createBucket()).isFalse();
    assertThat(missing.describe().health()).isEqualTo(BackendDescription.Health.CONNECTED);
  }

  private static void put(StorageBackend target, String key) {
    target.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(new byte[] {1}),
        1,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }
}

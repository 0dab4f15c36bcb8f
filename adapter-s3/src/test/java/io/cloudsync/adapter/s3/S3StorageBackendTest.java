package io.cloudsync.adapter.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription.Health;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class S3StorageBackendTest {
  private static final S3ProxyServer SERVER = S3ProxyServer.get();
  private static final ContentHasher HASHER = ContentHasher.sha256();

  private S3StorageBackend backend;

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  private S3StorageBackend fresh(String prefix, Map<String, String> options) {
    backend = SERVER.openFresh(prefix, options);
    return backend;
  }

  private static RemoteFile put(S3StorageBackend b, String key, byte[] bytes) {
    return b.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void storesContentWithItsSha256AndUserMetadata() throws IOException {
    S3StorageBackend b = fresh("root/dir", Map.of());
    byte[] bytes = "hello, bucket".getBytes(UTF_8);
    RemoteFile written =
        b.write(
            ObjectKey.of("docs/a.txt"),
            new ByteArrayInputStream(bytes),
            bytes.length,
            Map.of("mtime", "1700000000123"),
            WriteCondition.UNCONDITIONAL);

    assertThat(written.hash()).contains(HASHER.hash(bytes));
    RemoteFile stat = b.stat(ObjectKey.of("docs/a.txt")).orElseThrow();
    assertThat(stat.hash()).contains(HASHER.hash(bytes));
    assertThat(stat.size()).isEqualTo(bytes.length);
    assertThat(stat.version()).isEqualTo(written.version());
    assertThat(stat.metadata())
        .containsEntry("mtime", "1700000000123")
        .containsEntry(ContentHash.METADATA_KEY, HASHER.hash(bytes).hex());
    assertThat(readAll(b.read(ObjectKey.of("docs/a.txt")))).isEqualTo(bytes);
    assertThat(
            b.client()
                .headObject(r -> r.bucket(b.config().bucket()).key("root/dir/docs/a.txt"))
                .metadata())
        .containsEntry(ContentHash.METADATA_KEY, HASHER.hash(bytes).hex());
  }

  @Test
  void streamsADeclaredHashThroughWithoutBuffering() throws IOException {
    S3StorageBackend b = fresh("", Map.of());
    byte[] bytes = random(3 << 20, 1);
    ContentHash hash = HASHER.hash(bytes);
    RemoteFile written =
        b.write(
            ObjectKey.of("big.bin"),
            new ByteArrayInputStream(bytes),
            bytes.length,
            Map.of(ContentHash.METADATA_KEY, hash.hex()),
            WriteCondition.UNCONDITIONAL);
    assertThat(written.hash()).contains(hash);
    assertThat(readAll(b.read(ObjectKey.of("big.bin")))).isEqualTo(bytes);
  }

  @Test
  void refusesContentThatDoesNotMatchItsDeclaredHashAndStoresNothing() {
    S3StorageBackend b = fresh("", Map.of());
    byte[] bytes = random(100_000, 2);
    String wrong = HASHER.hash("other".getBytes(UTF_8)).hex();
    assertThatThrownBy(
            () ->
                b.write(
                    ObjectKey.of("changed.bin"),
                    new ByteArrayInputStream(bytes),
                    bytes.length,
                    Map.of(ContentHash.METADATA_KEY, wrong),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessageStartingWith(b.location(ObjectKey.of("changed.bin")) + ": ")
        .hasMessageContaining("does not match");
    assertThat(b.stat(ObjectKey.of("changed.bin"))).isEmpty();
  }

  @Test
  void aStreamEndingEarlyFailsTheWriteAndStoresNothing() {
    S3StorageBackend b = fresh("", Map.of());
    byte[] bytes = random(2 << 20, 3);
    assertThatThrownBy(
            () ->
                b.write(
                    ObjectKey.of("short.bin"),
                    new ByteArrayInputStream(bytes),
                    bytes.length + 10,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("ended after");
    assertThat(b.stat(ObjectKey.of("short.bin"))).isEmpty();
  }

  @Test
  void uploadsLargeContentInParallelPartsWithItsHash() throws IOException {
    S3StorageBackend b =
        fresh("", Map.of("multipart-threshold", "6M", "part-size", "5M", "part-concurrency", "3"));
    byte[] bytes = random(23 << 20, 4);
    ContentHash hash = HASHER.hash(bytes);
    RemoteFile written = put(b, "parts.bin", bytes);
    assertThat(written.hash()).contains(hash);
    assertThat(written.version().value()).endsWith("-5");
    RemoteFile stat = b.stat(ObjectKey.of("parts.bin")).orElseThrow();
    assertThat(stat.hash()).contains(hash);
    assertThat(stat.size()).isEqualTo(bytes.length);
    assertThat(HASHER.hash(b.read(ObjectKey.of("parts.bin")))).isEqualTo(hash);
  }

  @Test
  void abortsTheMultipartUploadWhenTheContentFailsMidway() {
    S3StorageBackend b = fresh("", Map.of("multipart-threshold", "5M", "part-size", "5M"));
    byte[] bytes = random(12 << 20, 5);
    InputStream failing =
        new InputStream() {
          private int position;

          @Override
          public int read() {
            throw new AssertionError("the upload reads in blocks");
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            if (position >= 7 << 20) {
              throw new IOException("disk read error");
            }
            int n = Math.min(len, (7 << 20) - position);
            System.arraycopy(bytes, position, buffer, off, n);
            position += n;
            return n;
          }
        };
    String hash = HASHER.hash(bytes).hex();
    assertThatThrownBy(
            () ->
                b.write(
                    ObjectKey.of("broken.bin"),
                    failing,
                    bytes.length,
                    Map.of(ContentHash.METADATA_KEY, hash),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("disk read error");
    assertThat(b.client().listMultipartUploads(r -> r.bucket(b.config().bucket())).uploads())
        .isEmpty();
    assertThat(b.stat(ObjectKey.of("broken.bin"))).isEmpty();
  }

  @Test
  void listsLazilyAcrossPagesRelativeToTheRoot() {
    try (S3StorageBackend paged = pagedByTen()) {
      listsAcrossPages(paged);
    }
  }

  private S3StorageBackend pagedByTen() {
    S3StorageBackend fresh = fresh("pre", Map.of());
    return new S3StorageBackend(fresh.config(), fresh.clients(), 10);
  }

  private static void listsAcrossPages(S3StorageBackend b) {
    for (int n = 0; n < 25; n++) {
      int i = n;
      b.client()
          .putObject(
              r -> r.bucket(b.config().bucket()).key("pre/many/" + i), RequestBody.fromString("x"));
    }
    put(b, "other/one", new byte[] {1});
    b.client()
        .putObject(r -> r.bucket(b.config().bucket()).key("outside"), RequestBody.fromString("x"));

    try (Stream<RemoteFile> many = b.list("many/")) {
      assertThat(many.count()).isEqualTo(25);
    }
    try (Stream<RemoteFile> all = b.list("")) {
      assertThat(all.map(f -> f.key().value()).filter(k -> !k.startsWith("many/")))
          .containsExactly("other/one");
    }
  }

  @Test
  void reportsInvalidNamesAsRejectedKeysAndSkipsFolderMarkers() {
    S3StorageBackend b = fresh("", Map.of());
    for (String raw : List.of("back\\slash", "folder/", "ok")) {
      b.client()
          .putObject(r -> r.bucket(b.config().bucket()).key(raw), RequestBody.fromString("x"));
    }
    List<ListEntry> entries;
    try (Stream<ListEntry> listed = b.listEntries("")) {
      entries = listed.toList();
    }
    assertThat(
            entries.stream()
                .filter(RejectedKey.class::isInstance)
                .map(e -> ((RejectedKey) e).rawName())
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("back\\slash");
    assertThat(
            entries.stream()
                .filter(RemoteFile.class::isInstance)
                .map(e -> ((RemoteFile) e).key().value()))
        .containsExactly("ok");
  }

  @Test
  void readsRangesIncludingPastTheEnd() throws IOException {
    S3StorageBackend b = fresh("", Map.of());
    put(b, "r.txt", "0123456789".getBytes(UTF_8));
    ObjectKey key = ObjectKey.of("r.txt");
    assertThat(readAll(b.read(key, new ByteRange(2, 3)))).isEqualTo("234".getBytes(UTF_8));
    assertThat(readAll(b.read(key, new ByteRange(8, 10)))).isEqualTo("89".getBytes(UTF_8));
    assertThat(readAll(b.read(key, new ByteRange(10, 5)))).isEmpty();
    assertThat(readAll(b.read(key, new ByteRange(3, 0)))).isEmpty();
    assertThatThrownBy(() -> b.read(ObjectKey.of("missing"), new ByteRange(0, 4)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(b.location(ObjectKey.of("missing")) + ": not found");
  }

  @Test
  void conditionalWritesFailWhenTheObjectMoved() {
    S3StorageBackend b = fresh("", Map.of());
    ObjectKey key = ObjectKey.of("c.txt");
    RemoteFile first =
        b.write(
            key, new ByteArrayInputStream(new byte[] {1}), 1, Map.of(), WriteCondition.IF_ABSENT);
    assertThatThrownBy(
            () ->
                b.write(
                    key,
                    new ByteArrayInputStream(new byte[] {2}),
                    1,
                    Map.of(),
                    WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith(b.location(key) + ": ");
    RemoteFile second =
        b.write(
            key,
            new ByteArrayInputStream(new byte[] {3}),
            1,
            Map.of(),
            WriteCondition.ifMatch(first.version()));
    assertThatThrownBy(
            () ->
                b.write(
                    key,
                    new ByteArrayInputStream(new byte[] {4}),
                    1,
                    Map.of(),
                    WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> b.delete(key, WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    b.delete(key, WriteCondition.ifMatch(second.version()));
    assertThat(b.exists(key)).isFalse();
    assertThatThrownBy(() -> b.delete(key, WriteCondition.ifMatch(second.version())))
        .isInstanceOf(PreconditionFailedException.class);
    b.delete(key, WriteCondition.UNCONDITIONAL);
  }

  @Test
  void ifMatchOnAMissingKeyIsAFailedPrecondition() {
    S3StorageBackend b = fresh("", Map.of());
    RemoteFile gone = put(b, "gone", new byte[] {1});
    b.delete(ObjectKey.of("gone"), WriteCondition.UNCONDITIONAL);
    assertThatThrownBy(
            () ->
                b.write(
                    ObjectKey.of("gone"),
                    new ByteArrayInputStream(new byte[] {2}),
                    1,
                    Map.of(),
                    WriteCondition.ifMatch(gone.version())))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void copiesOnTheServerWithContentAndMetadata() throws IOException {
    S3StorageBackend b = fresh("p", Map.of());
    byte[] bytes = "copy me".getBytes(UTF_8);
    b.write(
        ObjectKey.of("src"),
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of("mtime", "42"),
        WriteCondition.UNCONDITIONAL);
    RemoteFile copy = b.copy(ObjectKey.of("src"), ObjectKey.of("dst"), WriteCondition.IF_ABSENT);
    assertThat(copy.hash()).contains(HASHER.hash(bytes));
    assertThat(readAll(b.read(ObjectKey.of("dst")))).isEqualTo(bytes);
    assertThat(b.stat(ObjectKey.of("dst")).orElseThrow().metadata()).containsEntry("mtime", "42");
    assertThatThrownBy(
            () -> b.copy(ObjectKey.of("src"), ObjectKey.of("dst"), WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () -> b.copy(ObjectKey.of("nope"), ObjectKey.of("dst2"), WriteCondition.UNCONDITIONAL))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(b.location(ObjectKey.of("nope")) + ": not found");
  }

  @Test
  void createsItsBucketOnceAndDescribesItself() {
    backend = SERVER.open(S3ProxyServer.freshBucket() + "/x", Map.of());
    assertThat(backend.describe().health()).isEqualTo(Health.MISSING);
    assertThat(backend.createBucket()).isTrue();
    assertThat(backend.createBucket()).isFalse();
    var description = backend.describe();
    assertThat(description.health()).isEqualTo(Health.CONNECTED);
    assertThat(description.name()).isEqualTo("s3");
    assertThat(description.location()).isEqualTo(backend.config().location());
    assertThat(description.details())
        .containsEntry("bucket", backend.config().bucket())
        .containsEntry("endpoint", SERVER.endpoint().toString())
        .containsKey("region");
  }

  @Test
  void emptyContentIsStoredWithTheEmptyHash() throws IOException {
    S3StorageBackend b = fresh("", Map.of());
    RemoteFile written = put(b, "empty", new byte[0]);
    assertThat(written.hash()).contains(ContentHash.EMPTY);
    assertThat(b.stat(ObjectKey.of("empty")).orElseThrow().hash()).contains(ContentHash.EMPTY);
    assertThat(readAll(b.read(ObjectKey.of("empty")))).isEmpty();
  }

  @Test
  void s3ProxyHonoursIfMatchOnDelete() {
    // Why conditional-delete defaults to true: the store under test refuses a stale If-Match.
    S3StorageBackend b = fresh("", Map.of());
    put(b, "probe", new byte[] {1});
    assertThatThrownBy(
            () ->
                b.client()
                    .deleteObject(
                        r -> r.bucket(b.config().bucket()).key("probe").ifMatch("\"0123\"")))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
        .satisfies(
            e ->
                assertThat(((software.amazon.awssdk.services.s3.model.S3Exception) e).statusCode())
                    .isEqualTo(412));
    assertThat(b.exists(ObjectKey.of("probe"))).isTrue();
  }

  @Test
  void conditionalDeleteWorksWithoutServerSupport() {
    S3StorageBackend b = fresh("", Map.of("conditional-delete", "false"));
    RemoteFile first = put(b, "d", new byte[] {1});
    put(b, "d", new byte[] {2});
    assertThatThrownBy(() -> b.delete(ObjectKey.of("d"), WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    b.delete(
        ObjectKey.of("d"),
        WriteCondition.ifMatch(b.stat(ObjectKey.of("d")).orElseThrow().version()));
    assertThat(b.exists(ObjectKey.of("d"))).isFalse();
  }

  @Test
  void storesNewObjectsInTheConfiguredStorageClass() {
    S3StorageBackend b = fresh("", Map.of("storage-class", "reduced_redundancy"));
    assertThat(b.config().storageClass()).contains("REDUCED_REDUNDANCY");
    put(b, "cold.txt", new byte[] {1, 2, 3});
    assertThat(b.stat(ObjectKey.of("cold.txt")).orElseThrow().size()).isEqualTo(3);
  }
}

package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageBackendTest {
  @TempDir Path temp;
  Path root;
  LocalStorageBackend backend;

  @BeforeEach
  void createRoot() {
    root = temp.resolve("remote");
    backend = new LocalStorageBackend(root);
    assertThat(backend.createBucket()).isTrue();
  }

  private RemoteFile put(String key, String text, WriteCondition condition) {
    byte[] bytes = text.getBytes(UTF_8);
    return backend.write(
        ObjectKey.of(key), new ByteArrayInputStream(bytes), bytes.length, Map.of(), condition);
  }

  private RemoteFile put(String key, String text, Map<String, String> metadata) {
    byte[] bytes = text.getBytes(UTF_8);
    return backend.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        metadata,
        WriteCondition.IF_ABSENT);
  }

  private String get(String key) throws IOException {
    try (InputStream in = backend.read(ObjectKey.of(key))) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private String get(String key, ByteRange range) throws IOException {
    try (InputStream in = backend.read(ObjectKey.of(key), range)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private List<String> keys(String prefix) {
    try (Stream<RemoteFile> files = backend.list(prefix)) {
      return files.map(f -> f.key().value()).sorted().toList();
    }
  }

  @Test
  void storesFilesUnderTheRootWithHashAndMetadataBeside() throws IOException {
    byte[] bytes = "hello".getBytes(UTF_8);
    RemoteFile written =
        backend.write(
            ObjectKey.of("docs/a.txt"),
            new ByteArrayInputStream(bytes),
            5,
            Map.of("owner", "ana", "note", "ünïcode = yes\nline two"),
            WriteCondition.UNCONDITIONAL);

    assertThat(Files.readString(root.resolve("docs/a.txt"))).isEqualTo("hello");
    assertThat(get("docs/a.txt")).isEqualTo("hello");
    assertThat(written.hash()).contains(ContentHasher.sha256().hash(bytes));
    RemoteFile stat = backend.stat(ObjectKey.of("docs/a.txt")).orElseThrow();
    assertThat(stat).isEqualTo(written);
    assertThat(stat.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("owner", "ana", "note", "ünïcode = yes\nline two"));
    assertThat(stat.size()).isEqualTo(5);
  }

  @Test
  void aWriteWithoutAnAnnouncedHashStoresAndReturnsTheSha256OfWhatItReceived() throws IOException {
    byte[] bytes = new byte[600_000]; // more than one buffer
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + i / 1000);
    }
    ContentHash expected = ContentHasher.sha256().hash(bytes);

    RemoteFile written =
        backend.write(
            ObjectKey.of("big.bin"),
            new ByteArrayInputStream(bytes),
            bytes.length,
            Map.of("owner", "ana"),
            WriteCondition.UNCONDITIONAL);

    assertThat(backend.hashesWhileWriting()).isTrue();
    assertThat(written.hash()).contains(expected);
    assertThat(new LocalStorageBackend(root).stat(ObjectKey.of("big.bin")).orElseThrow().hash())
        .contains(expected);
    assertThat(written.metadata()).containsExactlyEntriesOf(Map.of("owner", "ana"));
  }

  @Test
  void versionChangesOnEveryWriteEvenWithTheSameBytes() {
    RemoteFile first = put("same.txt", "abc", WriteCondition.UNCONDITIONAL);
    RemoteFile second = put("same.txt", "abc", WriteCondition.UNCONDITIONAL);
    RemoteFile third = put("same.txt", "abc", WriteCondition.ifMatch(second.version()));

    assertThat(List.of(first.version(), second.version(), third.version())).doesNotHaveDuplicates();
    assertThat(backend.stat(ObjectKey.of("same.txt")).orElseThrow().version())
        .isEqualTo(third.version());
  }

  @Test
  void editByAnotherProgramIsANewVersionWithoutHash() throws IOException {
    RemoteFile written = put("notes.txt", "aaaa", WriteCondition.UNCONDITIONAL);
    Path file = root.resolve("notes.txt");
    Files.writeString(file, "bbbb"); // same size, written in place
    Files.setLastModifiedTime(file, FileTime.from(written.lastModified().plusSeconds(1)));

    RemoteFile now = backend.stat(ObjectKey.of("notes.txt")).orElseThrow();
    assertThat(now.version()).isNotEqualTo(written.version());
    assertThat(now.hash()).isEmpty();
    assertThatThrownBy(() -> put("notes.txt", "cccc", WriteCondition.ifMatch(written.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith(root.resolve("notes.txt") + ": was changed by another writer");
    put("notes.txt", "dddd", WriteCondition.ifMatch(now.version()));
    assertThat(get("notes.txt")).isEqualTo("dddd");
  }

  @Test
  void fileReplacedByAnotherProgramIsANewVersionWithoutHash() throws IOException {
    RemoteFile written = put("notes.txt", "aaaa", WriteCondition.UNCONDITIONAL);
    Path file = root.resolve("notes.txt");
    Path saved = root.resolve("notes.txt.new");
    Files.writeString(saved, "bbbb");
    Files.setLastModifiedTime(saved, FileTime.from(written.lastModified()));
    Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING); // as editors save

    RemoteFile now = backend.stat(ObjectKey.of("notes.txt")).orElseThrow();
    assertThat(now.version()).isNotEqualTo(written.version());
    assertThat(now.hash()).isEmpty();
  }

  @Test
  void recordTravelsWithTheFileAsAnExtendedAttributeSmallEnoughForTheInode() throws IOException {
    RemoteFile written = put("docs/a.txt", "hello", WriteCondition.UNCONDITIONAL);
    UserDefinedFileAttributeView view = attributes(root.resolve("docs/a.txt"));

    assertThat(root.resolve(".cloudsync-store/meta")).doesNotExist();
    byte[] value = attribute(view);
    assertThat(value)
        .as("ext4's 256-byte inodes hold a user.cloudsync value of up to 60 bytes")
        .hasSizeLessThanOrEqualTo(60);
    assertThat(value[0]).isEqualTo(Sidecar.BINARY_FORMAT);
    assertThat(value)
        .containsSequence(ContentHasher.sha256().hash("hello".getBytes(UTF_8)).digest());
    assertThat(new String(value, UTF_8)).doesNotContain("docs/a.txt");
    assertThat(backend.stat(ObjectKey.of("docs/a.txt"))).contains(written);
  }

  @Test
  void recordWithUserMetadataKeepsItInTheAttribute() throws IOException {
    RemoteFile written =
        put("n.md", "notes", Map.of("owner", "ana = lead", "topic", "line\nbreak"));
    attributes(root.resolve("n.md"));

    RemoteFile read = new LocalStorageBackend(root).stat(ObjectKey.of("n.md")).orElseThrow();

    assertThat(read).isEqualTo(written);
    assertThat(read.metadata()).containsEntry("owner", "ana = lead");
  }

  @Test
  void recordInTheTextAttributeOfEarlierVersionsIsStillRead() throws IOException {
    RemoteFile written = put("old.txt", "hello", WriteCondition.UNCONDITIONAL);
    Path file = root.resolve("old.txt");
    UserDefinedFileAttributeView view = attributes(file);
    String oldGeneration = "0123456789abcdef0123456789abcdef"; // 128 bits, as they were then
    String text =
        "generation=%s\nmodified=%d\nsha256=%s\nsize=5\n"
            .formatted(
                oldGeneration,
                Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS),
                written.hash().orElseThrow().hex());
    view.write(Records.ATTRIBUTE, ByteBuffer.wrap(text.getBytes(UTF_8)));

    RemoteFile read = new LocalStorageBackend(root).stat(ObjectKey.of("old.txt")).orElseThrow();

    assertThat(read.version().value()).isEqualTo(oldGeneration);
    assertThat(read.hash()).isEqualTo(written.hash());
  }

  @Test
  void damagedAttributeCountsAsAFileWeDidNotWrite() throws IOException {
    RemoteFile written = put("d.txt", "hello", WriteCondition.UNCONDITIONAL);
    UserDefinedFileAttributeView view = attributes(root.resolve("d.txt"));
    view.write(Records.ATTRIBUTE, ByteBuffer.wrap(new byte[] {Sidecar.BINARY_FORMAT, 7, 7}));

    RemoteFile read = new LocalStorageBackend(root).stat(ObjectKey.of("d.txt")).orElseThrow();

    assertThat(read.version()).isNotEqualTo(written.version());
    assertThat(read.hash()).isEmpty();
  }

  private static UserDefinedFileAttributeView attributes(Path file) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    assumeTrue(
        view != null && view.list().contains(Records.ATTRIBUTE),
        "this file system has no user extended attributes; records go to sidecars");
    return view;
  }

  private static byte[] attribute(UserDefinedFileAttributeView view) throws IOException {
    ByteBuffer value = ByteBuffer.allocate(view.size(Records.ATTRIBUTE));
    view.read(Records.ATTRIBUTE, value);
    return value.array();
  }

  @Test
  void withoutExtendedAttributesRecordsGoToSidecarsAndCatchAnEditThatPutsTheTimeBack()
      throws IOException {
    LocalStorageBackend sidecars = new LocalStorageBackend(root, false);
    RemoteFile written =
        sidecars.write(
            ObjectKey.of("notes.txt"),
            new ByteArrayInputStream("aaaa".getBytes(UTF_8)),
            4,
            Map.of("owner", "ana"),
            WriteCondition.IF_ABSENT);
    assertThat(root.resolve(".cloudsync-store/meta")).isDirectory();
    assertThat(sidecars.stat(ObjectKey.of("notes.txt"))).contains(written);

    Path file = root.resolve("notes.txt");
    FileTime mtime = Files.getLastModifiedTime(file);
    Files.writeString(file, "bbbb"); // same size, written in place
    Files.setLastModifiedTime(file, mtime); // and the time put back, as `touch -r` would

    RemoteFile now = sidecars.stat(ObjectKey.of("notes.txt")).orElseThrow();
    assertThat(now.version()).isNotEqualTo(written.version());
    assertThat(now.hash()).isEmpty();
  }

  @Test
  void storeWrittenWithSidecarsIsReadAndMovesToAttributesOnTheNextWrite() throws IOException {
    LocalStorageBackend old = new LocalStorageBackend(root, false);
    RemoteFile first =
        old.write(
            ObjectKey.of("a.txt"),
            new ByteArrayInputStream("one".getBytes(UTF_8)),
            3,
            Map.of(),
            WriteCondition.IF_ABSENT);

    assertThat(backend.stat(ObjectKey.of("a.txt"))).contains(first);
    RemoteFile second = put("a.txt", "two", WriteCondition.ifMatch(first.version()));

    assertThat(backend.stat(ObjectKey.of("a.txt"))).contains(second);
    assertThat(get("a.txt")).isEqualTo("two");
    Path sidecar =
        new SidecarStore(
                root.resolve(".cloudsync-store"),
                new Durability(new KeyPaths(root), Flushes.SYSTEM))
            .pathOf(ObjectKey.of("a.txt"));
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(root.resolve("a.txt"), UserDefinedFileAttributeView.class);
    if (view != null && view.list().contains(Records.ATTRIBUTE)) {
      assertThat(sidecar)
          .as("the old sidecar is gone once the record is an attribute")
          .doesNotExist();
    } else {
      assertThat(sidecar).exists();
    }
  }

  @Test
  void shortStreamFailsAndLeavesTheOldVersion() throws IOException {
    RemoteFile old = put("k.txt", "old", WriteCondition.UNCONDITIONAL);

    assertThatThrownBy(
            () ->
                backend.write(
                    ObjectKey.of("k.txt"),
                    new ByteArrayInputStream("new".getBytes(UTF_8)),
                    10,
                    Map.of(),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessage(
            root.resolve("k.txt")
                + ": the content ended after 3 of 10 bytes;"
                + " nothing was stored");
    assertThat(get("k.txt")).isEqualTo("old");
    assertThat(backend.stat(ObjectKey.of("k.txt")).orElseThrow()).isEqualTo(old);
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("k.txt", ".cloudsync-store");
    }
  }

  @Test
  void readsExactlyLengthBytesAndLeavesTheRestOfTheStream() throws IOException {
    InputStream in = new ByteArrayInputStream("0123456789".getBytes(UTF_8));
    backend.write(ObjectKey.of("four"), in, 4, Map.of(), WriteCondition.UNCONDITIONAL);

    assertThat(get("four")).isEqualTo("0123");
    assertThat(in.read()).isEqualTo('4');
  }

  @Test
  void emptyObjectRoundTrips() throws IOException {
    RemoteFile written = put("empty", "", WriteCondition.IF_ABSENT);
    assertThat(written.size()).isZero();
    assertThat(written.hash().orElseThrow().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(get("empty")).isEmpty();
  }

  @Test
  void rangedReadsReturnTheSliceCutAtTheEnd() throws IOException {
    put("r.txt", "0123456789", WriteCondition.UNCONDITIONAL);
    assertThat(get("r.txt", new ByteRange(2, 3))).isEqualTo("234");
    assertThat(get("r.txt", new ByteRange(7, 100))).isEqualTo("789");
    assertThat(get("r.txt", new ByteRange(10, 5))).isEmpty();
    assertThat(get("r.txt", new ByteRange(50, 5))).isEmpty();
    assertThat(get("r.txt", new ByteRange(0, 0))).isEmpty();
  }

  @Test
  void conditionsHoldForWrites() throws IOException {
    RemoteFile first = put("c.txt", "one", WriteCondition.IF_ABSENT);
    assertThatThrownBy(() -> put("c.txt", "two", WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith(root.resolve("c.txt") + ": already exists");
    RemoteFile second = put("c.txt", "two", WriteCondition.ifMatch(first.version()));
    assertThatThrownBy(() -> put("c.txt", "three", WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> put("absent.txt", "x", WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith(root.resolve("absent.txt") + ": does not exist");
    assertThat(get("c.txt")).isEqualTo("two");
    assertThat(backend.stat(ObjectKey.of("c.txt")).orElseThrow().version())
        .isEqualTo(second.version());
    assertThat(backend.exists(ObjectKey.of("absent.txt"))).isFalse();
  }

  @Test
  void conditionsHoldForDeletes() {
    RemoteFile first = put("d/x.txt", "one", WriteCondition.UNCONDITIONAL);
    RemoteFile second = put("d/x.txt", "two", WriteCondition.UNCONDITIONAL);
    ObjectKey key = ObjectKey.of("d/x.txt");

    assertThatThrownBy(() -> backend.delete(key, WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith(root.resolve("d/x.txt") + ": ");
    assertThat(backend.exists(key)).isTrue();
    backend.delete(key, WriteCondition.ifMatch(second.version()));
    assertThat(backend.exists(key)).isFalse();
    assertThat(root.resolve("d")).doesNotExist(); // the emptied folder went with it
    backend.delete(key, WriteCondition.UNCONDITIONAL);
    assertThatThrownBy(() -> backend.delete(key, WriteCondition.ifMatch(second.version())))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void missingObjectIsNotFoundNamingItsPath() {
    assertThat(backend.stat(ObjectKey.of("nope/x"))).isEmpty();
    assertThatThrownBy(() -> backend.read(ObjectKey.of("nope/x")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(root.resolve("nope/x") + ": not found");
  }

  @Test
  void missingRootFailsEveryCallButMkbucketWithTheFix() {
    LocalStorageBackend missing = new LocalStorageBackend(temp.resolve("absent"));
    ObjectKey key = ObjectKey.of("a.txt");
    String message =
        temp.resolve("absent")
            + ": root folder does not exist; create it with 'cloudsync mkbucket'";
    List<Runnable> calls =
        List.of(
            () -> missing.listEntries(""),
            () -> missing.stat(key),
            () -> missing.exists(key),
            () -> missing.read(key),
            () -> missing.read(key, new ByteRange(0, 1)),
            () ->
                missing.write(
                    key, InputStream.nullInputStream(), 0, Map.of(), WriteCondition.UNCONDITIONAL),
            () -> missing.delete(key, WriteCondition.UNCONDITIONAL),
            () -> missing.copy(key, ObjectKey.of("b.txt"), WriteCondition.UNCONDITIONAL),
            () -> missing.stats(""));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOf(NotFoundException.class).hasMessage(message);
    }
    assertThat(missing.describe().health()).isEqualTo(BackendDescription.Health.MISSING);
    assertThat(missing.describe().healthDetail()).contains(message);
    assertThat(temp.resolve("absent")).doesNotExist();

    assertThat(missing.createBucket()).isTrue();
    assertThat(missing.createBucket()).isFalse();
    assertThat(missing.describe().health()).isEqualTo(BackendDescription.Health.CONNECTED);
  }

  @Test
  void fileStandingWhereTheRootShouldBeIsALocalIoError() throws IOException {
    Path file = Files.writeString(temp.resolve("plain-file"), "x");
    LocalStorageBackend misplaced = new LocalStorageBackend(file);
    assertThatThrownBy(() -> misplaced.stat(ObjectKey.of("a")))
        .isInstanceOf(LocalIoException.class)
        .hasMessage(file + ": root is a file, not a folder");
    assertThatThrownBy(misplaced::createBucket)
        .isInstanceOf(LocalIoException.class)
        .hasMessageStartingWith(file + ": cannot create the root folder: a file is in the way");
  }

  @Test
  void describeReportsCapacityFromTheFileStore() throws IOException {
    BackendDescription description = backend.describe();
    assertThat(description.name()).isEqualTo("local");
    assertThat(description.location()).isEqualTo(root.toString());
    BackendDescription.Capacity capacity = description.capacity().orElseThrow();
    assertThat(capacity.totalBytes()).isEqualTo(Files.getFileStore(root).getTotalSpace());
    assertThat(capacity.usableBytes()).isPositive().isLessThanOrEqualTo(capacity.totalBytes());
  }

  @Test
  void ownRecordsAndTempFilesAreInvisibleToListings() throws IOException {
    put("a.txt", "a", WriteCondition.UNCONDITIONAL);
    put("sub/b.txt", "b", WriteCondition.UNCONDITIONAL);
    Files.writeString(root.resolve("sub/.cloudsync-tmp-0123"), "left by a crash");

    assertThat(keys("")).containsExactly("a.txt", "sub/b.txt");
    assertThat(keys(".cloudsync-store/")).isEmpty();
    assertThat(keys(".cloud")).isEmpty();
    assertThat(keys("sub/")).containsExactly("sub/b.txt");
    assertThat(keys("su")).containsExactly("sub/b.txt");
    assertThat(keys("sub/b")).containsExactly("sub/b.txt");
    assertThat(keys("sub/c")).isEmpty();
    assertThat(keys("../")).isEmpty();
    assertThat(backend.stats("").objectCount()).isEqualTo(2);
  }

  @Test
  void filesNamedByHandThatAreNotKeysAreListedAsRejected() throws IOException {
    put("good.txt", "g", WriteCondition.UNCONDITIONAL);
    Files.writeString(root.resolve("back\\slash.txt"), "x");
    Files.writeString(root.resolve("bell\u0007.txt"), "x");
    Files.writeString(root.resolve("cafe\u0301.txt"), "x"); // NFD

    List<ListEntry> entries;
    try (Stream<ListEntry> all = backend.listEntries("")) {
      entries = all.toList();
    }
    assertThat(entries)
        .filteredOn(RejectedKey.class::isInstance)
        .map(e -> ((RejectedKey) e).rawName())
        .containsExactlyInAnyOrder("back\\slash.txt", "bell\u0007.txt", "cafe\u0301.txt");
    assertThat(keys("")).containsExactly("good.txt");
  }

  @Test
  void announcedHashThatDoesNotMatchTheContentIsRefused() throws IOException {
    put("h.txt", "old", WriteCondition.UNCONDITIONAL);
    String wrong = ContentHasher.sha256().hash("something else".getBytes(UTF_8)).hex();
    assertThatThrownBy(
            () ->
                backend.write(
                    ObjectKey.of("h.txt"),
                    new ByteArrayInputStream("new".getBytes(UTF_8)),
                    3,
                    Map.of("cloudsync-sha256", wrong),
                    WriteCondition.UNCONDITIONAL))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("nothing was stored");
    assertThat(get("h.txt")).isEqualTo("old");
  }

  @Test
  void keyThatWouldBeBothFileAndFolderIsRefused() {
    put("a", "file", WriteCondition.UNCONDITIONAL);
    put("x/y", "deep", WriteCondition.UNCONDITIONAL);
    assertThatThrownBy(() -> put("a/b", "x", WriteCondition.UNCONDITIONAL))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageStartingWith(root.resolve("a/b") + ": cannot store this key");
    assertThatThrownBy(() -> put("x", "x", WriteCondition.UNCONDITIONAL))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageStartingWith(root.resolve("x") + ": cannot store this key");
    assertThat(keys("")).containsExactly("a", "x/y");
  }

  @Test
  void copyCarriesContentMetadataAndHash() throws IOException {
    RemoteFile source =
        backend.write(
            ObjectKey.of("src.txt"),
            new ByteArrayInputStream("payload".getBytes(UTF_8)),
            7,
            Map.of("tag", "v"),
            WriteCondition.UNCONDITIONAL);
    RemoteFile copy =
        backend.copy(
            ObjectKey.of("src.txt"), ObjectKey.of("dst/copy.txt"), WriteCondition.IF_ABSENT);

    assertThat(get("dst/copy.txt")).isEqualTo("payload");
    assertThat(copy.metadata()).isEqualTo(Map.of("tag", "v"));
    assertThat(copy.hash()).isEqualTo(source.hash());
    assertThat(copy.version()).isNotEqualTo(source.version());
    assertThatThrownBy(
            () ->
                backend.copy(
                    ObjectKey.of("src.txt"),
                    ObjectKey.of("dst/copy.txt"),
                    WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () ->
                backend.copy(
                    ObjectKey.of("none"), ObjectKey.of("dst/x"), WriteCondition.UNCONDITIONAL))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(root.resolve("none") + ": not found");
  }

  @Test
  void readOnlyRootFailsWritesWithALocalIoErrorNamingThePath() throws Exception {
    put("keep.txt", "kept", WriteCondition.UNCONDITIONAL);
    // Root may write anywhere, so the folder is made immutable instead of merely read-only.
    org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", root), "chattr +i not available");
    try {
      assertThatThrownBy(() -> put("new.txt", "x", WriteCondition.UNCONDITIONAL))
          .isInstanceOf(LocalIoException.class)
          .hasMessageStartingWith(root.resolve("new.txt") + ": cannot write: ");
      assertThat(get("keep.txt")).isEqualTo("kept");
    } finally {
      chattr("-i", root);
    }
  }

  private static boolean chattr(String flag, Path path) throws Exception {
    try {
      Process process =
          new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0
          && (flag.startsWith("-") || !Files.isWritable(path) || probeFails(path));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean probeFails(Path dir) {
    try {
      Files.delete(Files.createFile(dir.resolve("probe")));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}

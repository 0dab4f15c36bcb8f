package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPathSafetyTest {
  @TempDir Path temp;
  Path root;
  Path outside;
  LocalStorageBackend backend;

  @BeforeEach
  void createRootAndOutside() throws IOException {
    root = Files.createDirectories(temp.resolve("remote"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    backend = new LocalStorageBackend(root);
  }

  private RemoteFile put(String key, String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return backend.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }

  private List<ListEntry> entries() {
    try (Stream<ListEntry> all = backend.listEntries("")) {
      return all.toList();
    }
  }

  @Test
  void symlinkedFolderLeadingOutOfTheRootIsRefusedForEveryCall() throws IOException {
    Files.createSymbolicLink(root.resolve("link"), outside);
    ObjectKey secret = ObjectKey.of("link/secret.txt");
    String refused = root.resolve("link/secret.txt") + ": refused: " + root.resolve("link");

    assertThatThrownBy(() -> backend.stat(secret))
        .isInstanceOf(LocalIoException.class)
        .hasMessageStartingWith(refused);
    assertThatThrownBy(() -> backend.read(secret)).hasMessageStartingWith(refused);
    assertThatThrownBy(() -> put("link/secret.txt", "overwritten")).hasMessageStartingWith(refused);
    assertThatThrownBy(() -> put("link/new.txt", "planted")).isInstanceOf(LocalIoException.class);
    assertThatThrownBy(() -> backend.delete(secret, WriteCondition.UNCONDITIONAL))
        .hasMessageStartingWith(refused);

    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
    }
    assertThat(entries())
        .containsExactly(
            new RejectedKey("link", "symbolic link to a folder or out of the root; not followed"));
  }

  @Test
  void symlinkedFileLeadingOutOfTheRootIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("pw"), outside.resolve("secret.txt"));
    assertThatThrownBy(() -> backend.read(ObjectKey.of("pw")))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("symbolic link leading out of the root");
    assertThat(entries()).singleElement().isInstanceOf(RejectedKey.class);
  }

  @Test
  void symlinkIntoTheBackendsOwnRecordsIsRefused() throws IOException {
    put("a.txt", "a");
    Files.createSymbolicLink(root.resolve("records"), root.resolve(".cloudsync-store"));
    assertThatThrownBy(() -> backend.stat(ObjectKey.of("records/meta")))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void symlinkToAFileInsideTheRootIsFollowed() throws IOException {
    put("real/data.txt", "inside");
    Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("real/data.txt"));
    try (InputStream in = backend.read(ObjectKey.of("alias.txt"))) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("inside");
    }
    assertThat(entries())
        .map(e -> ((RemoteFile) e).key().value())
        .containsExactlyInAnyOrder("alias.txt", "real/data.txt");
  }

  @Test
  void writesThroughALinkToAFolderInsideTheRootLandInThatFolder() throws IOException {
    Files.createDirectories(root.resolve("real/deep"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

    put("alias/deep/new.txt", "through the link");
    put("alias/deep/new.txt", "and again");

    assertThat(Files.readString(root.resolve("real/deep/new.txt"))).isEqualTo("and again");
    assertThat(Files.isSymbolicLink(root.resolve("alias"))).isTrue();
  }

  @Test
  void aFileWhereAFolderOfTheKeyShouldBeIsRefusedNamingIt() throws IOException {
    Files.writeString(root.resolve("plain"), "a file");

    assertThatThrownBy(() -> put("plain/child.txt", "x"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("'plain' is a file, so it cannot also be a folder");
  }

  @Test
  void danglingSymlinkIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("gone"), temp.resolve("nowhere"));
    assertThatThrownBy(() -> put("gone/x", "x"))
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining("dangling symbolic link");
    assertThat(temp.resolve("nowhere")).doesNotExist();
  }

  @Test
  void reservedNamesAreRefusedAsKeys() {
    assertThatThrownBy(() -> put(".cloudsync-store/meta/x", "x"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage(
            root.resolve(".cloudsync-store/meta/x")
                + ": the name '.cloudsync-store' is reserved for the local backend's records");
    assertThatThrownBy(() -> backend.stat(ObjectKey.of(".cloudsync-store")))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> put("a/.cloudsync-tmp-0011", "x"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageEndingWith(
            "names starting with '.cloudsync-tmp-' are reserved for files being written");
    assertThat(root.resolve("a")).doesNotExist();
  }

  @Test
  void namesThatOnlyResembleReservedOnesAreOrdinaryKeys() {
    put(".cloudsync-store-notes", "1");
    put("sub/.cloudsync-store/x", "2");
    put(".cloudsync-tmp", "3");
    assertThat(entries())
        .map(e -> ((RemoteFile) e).key().value())
        .containsExactlyInAnyOrder(
            ".cloudsync-store-notes", "sub/.cloudsync-store/x", ".cloudsync-tmp");
  }

  @Test
  void keysStayInsideTheRootWhateverTheirText() {
    put("a b/ü €/x.y", "odd but fine");
    assertThat(root.resolve("a b/ü €/x.y")).hasContent("odd but fine");
    assertThat(temp.resolve("a b")).doesNotExist();
  }
}

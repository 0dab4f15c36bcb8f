package io.cloudsync.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemFlushTest {

  @Test
  void isAvailableOnLinuxWithJava22AndNativeAccess() {
    boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
    assumeTrue(linux, "syncfs(2) is Linux only");
    // The build runs its tests with --enable-native-access=ALL-UNNAMED on a Java 25 JDK.
    assertThat(FileSystemFlush.available())
        .as("syncfs through the foreign function API on Java %s", Runtime.version().feature())
        .isEqualTo(Runtime.version().feature() >= 22);
  }

  @Test
  void flushesTheFileSystemOfAFileOrFolder(@TempDir Path dir) throws IOException {
    assumeTrue(FileSystemFlush.available(), "syncfs not available here");
    Path file = Files.writeString(dir.resolve("a.txt"), "written, then flushed");

    try (FileSystemFlush.Handle byFile = FileSystemFlush.open(file);
        FileSystemFlush.Handle byFolder = FileSystemFlush.open(dir)) {
      byFile.flush();
      byFolder.flush();
    }

    assertThat(Files.readString(file)).isEqualTo("written, then flushed");
  }

  @Test
  void aMissingPathIsAnIoErrorNamingIt(@TempDir Path dir) {
    assumeTrue(FileSystemFlush.available(), "syncfs not available here");
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> FileSystemFlush.open(missing))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(missing + ": cannot open to flush its file system (errno 2)");
  }

  @Test
  void aHandleFlushesAsOftenAsAskedUntilClosed(@TempDir Path dir) throws IOException {
    assumeTrue(FileSystemFlush.available(), "syncfs not available here");
    FileSystemFlush.Handle handle = FileSystemFlush.open(dir);
    Files.writeString(dir.resolve("one.txt"), "1");
    handle.flush();
    Files.writeString(dir.resolve("two.txt"), "2");
    handle.flush();
    handle.close();
    handle.close();

    assertThatThrownBy(handle::flush)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(dir + ": flushed after close");
    assertThat(Files.readString(dir.resolve("two.txt"))).isEqualTo("2");
  }

  @Test
  void droppingTheCachedPagesOfAFileKeepsItsBytesAndOfAMissingOneDoesNothing(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("read-once.txt"), "read once, then dropped");

    FileSystemFlush.dropCachedPages(file);
    FileSystemFlush.dropCachedPages(dir.resolve("missing"));

    assertThat(Files.readString(file)).isEqualTo("read once, then dropped");
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void theUnflushedScopeNamesThisBootAndEachMountOnce(@TempDir Path dir) throws IOException {
    Optional<String> scope = FileSystemFlush.unflushedScope(List.of(dir));
    assumeTrue(scope.isPresent(), "no unique mount ids here (Linux 6.8+ with syncfs)");
    String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    assertThat(scope.get()).matches("boot " + boot + " mounts [0-9]+");

    Path sub = Files.createDirectories(dir.resolve("sub"));
    assertThat(FileSystemFlush.unflushedScope(List.of(dir, sub)))
        .as("one file system, one mount")
        .isEqualTo(scope)
        .isEqualTo(FileSystemFlush.unflushedScope(List.of(sub)));
    assertThat(FileSystemFlush.unflushedScope(List.of(dir, Path.of("/proc"))).orElseThrow())
        .as("another mount is named too")
        .matches("boot " + boot + " mounts [0-9]+,[0-9]+");
  }

  @Test
  void aPathThatCannotBeStattedHasNoScope(@TempDir Path dir) {
    assertThat(FileSystemFlush.unflushedScope(List.of(dir, dir.resolve("missing")))).isEmpty();
    assertThat(FileSystemFlush.unflushedScope(List.of())).isEmpty();
  }
}

package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A listing of 100,000 files walks them lazily: it never holds them all. */
class LocalListingTest {
  private static final int FOLDERS = 100;
  private static final int PER_FOLDER = 1_000;
  private static final int FILES = FOLDERS * PER_FOLDER;

  static Path root;
  static LocalStorageBackend backend;

  /**
   * The files go to a RAM-backed folder when there is one: creating 100,000 files on a busy disk
   * takes minutes, and this test is about the walk, not the disk.
   */
  @BeforeAll
  static void createOneHundredThousandFiles() throws IOException {
    Path shm = Path.of("/dev/shm");
    root =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "cloudsync-listing-")
            : Files.createTempDirectory("cloudsync-listing-");
    byte[] body = "x".getBytes(UTF_8);
    for (int d = 0; d < FOLDERS; d++) {
      Path dir = Files.createDirectory(root.resolve("d%03d".formatted(d)));
      for (int f = 0; f < PER_FOLDER; f++) {
        Files.write(dir.resolve("f%04d.txt".formatted(f)), body);
      }
    }
    backend = new LocalStorageBackend(root);
  }

  @AfterAll
  static void removeTheFiles() throws IOException {
    if (root != null) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  void walkReachesOnlyTheFilesItHasReturned() throws IOException {
    List<String> seen = new ArrayList<>();
    TreeListing walk =
        new TreeListing(
            new KeyPaths(root),
            "",
            (rawKey, file, attributes) -> {
              seen.add(rawKey);
              return Optional.of(RemoteFileFixture.of(rawKey));
            });
    for (int i = 0; i < 10; i++) {
      walk.next();
    }
    assertThat(walk.filesSeen()).isEqualTo(10);
    assertThat(seen).hasSize(10).last().isEqualTo("d000/f0009.txt");
  }

  /**
   * One pass over everything proves three things: every file comes once, in sorted order; a file
   * added ahead of the walk after it started is seen (nothing was read ahead); and the heap does
   * not grow with the number of files returned.
   */
  @Test
  void listsEveryFileLazilyInOrderWithAFlatHeap() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    long peak = Long.MIN_VALUE;
    long count = 0;
    boolean sawLate = false;
    RemoteFile late = null;
    try (Stream<RemoteFile> files = backend.list("")) {
      Iterator<RemoteFile> it = files.iterator();
      String previous = "";
      while (it.hasNext()) {
        String key = it.next().key().value();
        if (key.compareTo(previous) <= 0) {
          fail("out of order: " + key + " after " + previous);
        }
        previous = key;
        sawLate |= key.equals("d099/late.txt");
        if (++count == 1) {
          // The walk is in d000 now; a file added to d099 must still show up.
          late =
              backend.write(
                  ObjectKey.of("d099/late.txt"),
                  new ByteArrayInputStream(new byte[] {1}),
                  1,
                  Map.of(),
                  WriteCondition.IF_ABSENT);
        }
        if (count % 25_000 == 0) {
          System.gc();
          peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory() - before);
        }
      }
    } finally {
      if (late != null) {
        backend.delete(late.key(), WriteCondition.ifMatch(late.version()));
      }
    }
    System.out.printf("listing %,d files: heap grew by at most %,d bytes%n", count, peak);
    assertThat(count).isEqualTo(FILES + 1);
    assertThat(sawLate).isTrue();
    // 100,000 RemoteFile objects held at once would take tens of MB.
    assertThat(peak).isLessThan(8L * 1024 * 1024);
  }

  @Test
  void prefixListingDescendsOnlyWhereKeysCanMatch() {
    try (Stream<RemoteFile> files = backend.list("d05")) {
      assertThat(files.count()).isEqualTo(10L * PER_FOLDER);
    }
    try (Stream<RemoteFile> files = backend.list("d050/f00")) {
      assertThat(files.map(f -> f.key().value()))
          .hasSize(100)
          .allMatch(k -> k.startsWith("d050/f00"));
    }
  }

  /** Entries for walks that skip the stat. */
  static final class RemoteFileFixture {
    static RemoteFile of(String key) {
      return new RemoteFile(
          ObjectKey.of(key),
          1,
          java.time.Instant.EPOCH,
          Optional.empty(),
          io.cloudsync.core.VersionToken.of("v"),
          Map.of());
    }
  }
}

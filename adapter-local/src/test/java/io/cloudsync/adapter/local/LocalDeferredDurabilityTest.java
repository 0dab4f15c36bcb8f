package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.SupportsDeferredDurability.Batch;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDeferredDurabilityTest {
  @TempDir Path root;
  CountingFlushes flushes;
  LocalStorageBackend backend;

  @BeforeEach
  void createBackend() {
    flushes = new CountingFlushes(true);
    backend = new LocalStorageBackend(root, true, flushes);
  }

  private RemoteFile put(String key, String text) {
    return put(backend, key, text);
  }

  /** Creates the key only if absent, as a sync's new objects are; replaces it otherwise. */
  private static RemoteFile put(LocalStorageBackend backend, String key, String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return backend.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(),
        backend.exists(ObjectKey.of(key))
            ? WriteCondition.UNCONDITIONAL
            : WriteCondition.IF_ABSENT);
  }

  private static String get(LocalStorageBackend backend, String key) throws IOException {
    try (InputStream in = backend.read(ObjectKey.of(key))) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Test
  void insideABatchWritesCopiesAndDeletesSyncNothingAndSyncFlushesTheFileSystemOnce()
      throws IOException {
    try (Batch batch = backend.deferDurability()) {
      for (int i = 0; i < 50; i++) {
        put("dir" + (i % 5) + "/sub/f" + i + ".txt", "content " + i);
      }
      backend.copy(
          ObjectKey.of("dir0/sub/f0.txt"), ObjectKey.of("copies/f0.txt"), WriteCondition.IF_ABSENT);
      for (int i = 0; i < 10; i++) {
        backend.delete(
            ObjectKey.of("dir1/sub/f" + (i * 5 + 1) + ".txt"), WriteCondition.UNCONDITIONAL);
      }

      assertThat(flushes.perObjectSyncs()).isZero();
      assertThat(flushes.fileSystems).isEmpty();
      batch.sync();
      assertThat(flushes.fileSystems).containsExactly(root.toRealPath());
    }

    // Closing syncs once more, but nothing changed since the last sync.
    assertThat(flushes.fileSystems).hasSize(1);
    assertThat(flushes.perObjectSyncs()).isZero();
    assertThat(get(backend, "copies/f0.txt")).isEqualTo("content 0");
    assertThat(backend.stat(ObjectKey.of("dir1/sub/f1.txt"))).isEmpty();
    assertThat(backend.list("").count()).isEqualTo(41);
  }

  @Test
  void aReleasedBatchLeavesItsWritesUnflushedUntilASyncOfEverythingThatAnyBackendCanMake()
      throws IOException {
    Batch batch = backend.deferDurability();
    put("a.txt", "written, not flushed");
    batch.release();
    batch.close();
    assertThat(flushes.fileSystems).as("released: no flush, and closing after it none").isEmpty();
    assertThat(flushes.perObjectSyncs()).isZero();
    assertThat(flushes.closed).as("the file system is let go").hasValue(1);

    // A later process: a backend of its own on the same root, nothing deferred by it.
    LocalStorageBackend next = new LocalStorageBackend(root, true, flushes);
    flushes.recordCovered();
    next.syncAll();
    assertThat(flushes.fileSystems).containsExactly(root.toRealPath());
    assertThat(flushes.covered.getFirst()).anyMatch(file -> file.endsWith("a.txt"));
    assertThat(get(next, "a.txt")).isEqualTo("written, not flushed");
  }

  @Test
  void theUnflushedScopeNamesTheFileSystemsTheRootSpansOrNothingToWaitForWithoutBatches()
      throws IOException {
    assertThat(backend.unflushedScope())
        .hasValue("boot test mounts of " + MountPoints.spannedBy(root.toRealPath()));
    flushes.scopePrefix = Optional.empty();
    assertThat(backend.unflushedScope()).as("cannot be named here").isEmpty();

    LocalStorageBackend plain = new LocalStorageBackend(root, true, new CountingFlushes(false));
    assertThat(plain.unflushedScope()).as("every write durable on return").hasValue("");
  }

  @Test
  void aFailedSyncOfEverythingNamesTheRootAndTheWayOut() {
    flushes.failWith(new IOException("Input/output error"));
    assertThatThrownBy(backend::syncAll)
        .isInstanceOf(LocalIoException.class)
        .hasMessageContaining(root.toString())
        .hasMessageContaining("cannot flush the written files to disk")
        .hasMessageContaining("run the sync again");
  }

  @Test
  void sidecarRecordsAreDeferredInABatchToo() {
    LocalStorageBackend sidecars = new LocalStorageBackend(root, false, flushes);
    try (Batch batch = sidecars.deferDurability()) {
      RemoteFile written = put(sidecars, "a/b.txt", "one");
      put(sidecars, "a/b.txt", "two");
      sidecars.delete(ObjectKey.of("a/b.txt"), WriteCondition.UNCONDITIONAL);
      put(sidecars, "a/c.txt", "three");

      assertThat(written.hash()).isPresent();
      assertThat(flushes.files).as("the replacing content only").hasValue(1);
      assertThat(flushes.folders).hasValue(0);
      batch.sync();
    }
    assertThat(flushes.fileSystems).hasSize(1);
    assertThat(sidecars.stat(ObjectKey.of("a/c.txt")).orElseThrow().hash()).isPresent();
  }

  @Test
  void theFileSystemIsHeldOpenFromTheFirstBatchToTheLastSoFlushesSeeEveryFailureSinceTheStart() {
    Batch first = backend.deferDurability();
    assertThat(flushes.opened).as("opened when the batch begins, before any write").hasValue(1);
    Batch second = backend.deferDurability();
    put("a.txt", "a");
    first.sync();
    put("b.txt", "b");
    second.sync();
    assertThat(flushes.opened).as("one handle for every flush").hasValue(1);
    assertThat(flushes.fileSystems).hasSize(2);

    first.close();
    assertThat(flushes.closed).as("still held for the open batch").hasValue(0);
    second.close();
    assertThat(flushes.closed).hasValue(1);
    assertThat(flushes.fileSystems).hasSize(2);
  }

  @Test
  void contentThatReplacesAnObjectIsSyncedBeforeItsRenameEvenInABatch() {
    RemoteFile first = put("notes.txt", "intact");
    int filesBefore = flushes.files.get();
    int foldersBefore = flushes.folders.get();
    try (Batch batch = backend.deferDurability()) {
      put("fresh.txt", "new object");
      assertThat(flushes.files).as("a new object waits for the batch").hasValue(filesBefore);

      backend.write(
          ObjectKey.of("notes.txt"),
          new ByteArrayInputStream("replaced".getBytes(UTF_8)),
          8,
          Map.of(),
          WriteCondition.ifMatch(first.version()));
      assertThat(flushes.files).as("a replacement does not").hasValue(filesBefore + 1);
      assertThat(flushes.folders)
          .as("its rename waits: the old file stays until then")
          .hasValue(foldersBefore);
    }
    assertThat(flushes.fileSystems).hasSize(1);
  }

  @Test
  void outsideABatchEveryWriteAndDeleteSyncsItsFileAndFoldersBeforeReturning() {
    put("a/b/c.txt", "x");

    // The temp file, the two new folders' entries in their parents, the rename into a/b.
    assertThat(flushes.files).hasValue(1);
    assertThat(flushes.folders).hasValue(3);

    put("a/b/c.txt", "y");
    assertThat(flushes.files).hasValue(2);
    assertThat(flushes.folders).hasValue(4);

    backend.delete(ObjectKey.of("a/b/c.txt"), WriteCondition.UNCONDITIONAL);
    assertThat(flushes.folders).hasValue(5);
    assertThat(flushes.fileSystems).isEmpty();
  }

  @Test
  void afterTheLastBatchClosesWritesSyncOnReturnAgain() {
    Batch batch = backend.deferDurability();
    put("a.txt", "in the batch");
    batch.close();
    batch.close();

    assertThat(flushes.fileSystems).hasSize(1);
    put("b.txt", "after the batch");
    assertThat(flushes.files).hasValue(1);
    assertThat(flushes.folders).hasValue(1);
    assertThat(flushes.fileSystems).hasSize(1);
  }

  @Test
  void overlappingBatchesDeferUntilTheLastOneCloses() {
    Batch first = backend.deferDurability();
    Batch second = backend.deferDurability();
    put("x.txt", "x");

    first.close();
    assertThat(flushes.fileSystems).as("closing syncs what was deferred").hasSize(1);
    put("y.txt", "y");
    assertThat(flushes.perObjectSyncs()).as("the second batch still defers").isZero();

    second.close();
    assertThat(flushes.fileSystems).hasSize(2);
    put("z.txt", "z");
    assertThat(flushes.files).hasValue(1);
    assertThat(flushes.fileSystems).hasSize(2);
  }

  @Test
  void syncWithNothingWrittenSinceTheLastFlushDoesNotFlush() {
    try (Batch batch = backend.deferDurability()) {
      batch.sync();
      assertThat(flushes.fileSystems).isEmpty();
      put("a.txt", "a");
      batch.sync();
      batch.sync();
      assertThat(flushes.fileSystems).hasSize(1);
    }
    assertThat(flushes.fileSystems).hasSize(1);
  }

  @Test
  void withoutAFileSystemFlushTheBatchIsNoneAndEveryWriteStillSyncs() {
    CountingFlushes unavailable = new CountingFlushes(false);
    LocalStorageBackend plain = new LocalStorageBackend(root, true, unavailable);

    try (Batch batch = plain.deferDurability()) {
      assertThat(batch).isSameAs(Batch.NONE);
      put(plain, "a.txt", "a");
      batch.sync();
    }

    assertThat(unavailable.files).hasValue(1);
    assertThat(unavailable.folders).hasValue(1);
    assertThat(unavailable.fileSystems).isEmpty();
  }

  @Test
  void aFailedFlushIsALocalIoErrorNamingTheRootAndTheRemedy() {
    Batch batch = backend.deferDurability();
    put("a.txt", "a");
    flushes.failWith(new IOException("Input/output error"));

    assertThatThrownBy(batch::sync)
        .isInstanceOf(LocalIoException.class)
        .hasMessageStartingWith(
            root + ": cannot flush the written files to disk: Input/output error")
        .hasMessageContaining("may not survive a power cut")
        .hasMessageContaining("check the disk, then run the sync again");
    assertThatThrownBy(batch::close).isInstanceOf(LocalIoException.class);
    batch.close(); // ended already: nothing to do, nothing thrown
  }

  @Test
  void aSyncCoversEveryWriteThatReturnedBeforeItEvenWithManyThreadsSyncing() throws Exception {
    int threads = 8;
    int writes = 10;
    flushes.recordCovered();
    Path realRoot = root.toRealPath();
    List<Future<?>> results = new ArrayList<>();
    try (Batch batch = backend.deferDurability();
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      CountDownLatch start = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < writes; i++) {
                    String key = "t" + thread + "/f" + i;
                    put(key, "x");
                    batch.sync();
                    // A flush that started once the file was in place has finished.
                    assertThat(flushes.covered)
                        .anySatisfy(files -> assertThat(files).contains(realRoot.resolve(key)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get();
      }
    }
    assertThat(flushes.perObjectSyncs()).isZero();
    assertThat(flushes.fileSystems.size()).isBetween(1, threads * writes);
  }

  @Test
  void aWriteStillRunningWhenTheLastBatchClosesIsDurableWhenItReturns() throws Exception {
    Batch batch = backend.deferDurability();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    InputStream slow =
        new InputStream() {
          private int left = 2;

          @Override
          public int read() throws IOException {
            if (left == 1) {
              reading.countDown();
              try {
                closed.await();
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
            }
            return left-- > 0 ? 'x' : -1;
          }
        };
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<RemoteFile> write =
          pool.submit(
              () ->
                  backend.write(
                      ObjectKey.of("slow.txt"), slow, 2, Map.of(), WriteCondition.UNCONDITIONAL));
      reading.await();
      batch.close();
      closed.countDown();
      write.get();
    }

    // The temp file was written after the close: synced on its own, with its rename.
    assertThat(flushes.files).hasValue(1);
    assertThat(flushes.folders).hasValue(1);
    assertThat(Files.readString(root.resolve("slow.txt"))).isEqualTo("xx");
  }

  @Test
  void realFileSystemFlushMakesABatchDurableAndTheFilesReadBack() throws IOException {
    assumeTrue(FileSystemFlush.available(), "syncfs not available here");
    LocalStorageBackend real = new LocalStorageBackend(root);
    Batch batch = real.deferDurability();
    assertThat(batch).isNotSameAs(Batch.NONE);

    for (int i = 0; i < 20; i++) {
      put(real, "real/f" + i + ".txt", "bytes of " + i);
    }
    batch.sync();
    put(real, "real/last.txt", "after the sync");
    batch.close();

    LocalStorageBackend reopened = new LocalStorageBackend(root);
    for (int i = 0; i < 20; i++) {
      assertThat(get(reopened, "real/f" + i + ".txt")).isEqualTo("bytes of " + i);
    }
    assertThat(get(reopened, "real/last.txt")).isEqualTo("after the sync");
    assertThat(reopened.stat(ObjectKey.of("real/last.txt")).orElseThrow().hash())
        .contains(ContentHasher.sha256().hash("after the sync".getBytes(UTF_8)));
  }
}

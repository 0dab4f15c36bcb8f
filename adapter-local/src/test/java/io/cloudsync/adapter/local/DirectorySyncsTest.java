package io.cloudsync.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySyncsTest {
  @TempDir Path root;

  @Test
  void everyTicketReturnsOnceItsFolderIsSyncedAndIdleFoldersAreForgotten() throws Exception {
    DirectorySyncs syncs = new DirectorySyncs(Flushes.SYSTEM);
    Path a = Files.createDirectory(root.resolve("a"));
    Path b = Files.createDirectory(root.resolve("b"));
    List<Future<?>> waits = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        Path dir = i % 2 == 0 ? a : b;
        Path file = dir.resolve("f" + i);
        waits.add(
            threads.submit(
                () -> {
                  Files.writeString(file, "x");
                  syncs.renamed(dir).awaitDurable();
                  return null;
                }));
      }
      for (Future<?> wait : waits) {
        wait.get();
      }
    }

    assertThat(syncs.pending()).isZero();
    assertThat(Files.list(a).count() + Files.list(b).count()).isEqualTo(200);
  }

  @Test
  void aTicketTakenAfterASyncStartedWaitsForANewSync() throws Exception {
    DirectorySyncs syncs = new DirectorySyncs(Flushes.SYSTEM);
    DirectorySyncs.Ticket first = syncs.renamed(root);
    first.awaitDurable();
    DirectorySyncs.Ticket second = syncs.renamed(root);

    assertThat(syncs.pending()).isOne();
    second.awaitDurable();
    assertThat(syncs.pending()).isZero();
  }
}

package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.WriteCondition;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs (this one and a child running {@link RaceWriter}) and two threads here race on the same
 * keys. Compare-and-set increments must lose no update, and each if-absent claim must have exactly
 * one winner: the conditions hold across processes, not only across threads.
 */
class LocalMultiProcessRaceTest {
  private static final int ROUNDS = 30;
  private static final int CLAIMS = 60;

  @TempDir Path root;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void conditionalWritesHoldWhenTwoProcessesWriteTheSameKeys() throws Exception {
    LocalStorageBackend backend = new LocalStorageBackend(root);
    backend.write(
        ObjectKey.of("counter"),
        new ByteArrayInputStream("0".getBytes(UTF_8)),
        1,
        Map.of(),
        WriteCondition.IF_ABSENT);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                RaceWriter.class.getName(),
                root.toString(),
                Integer.toString(ROUNDS),
                Integer.toString(CLAIMS),
                "child")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> childWins = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
        OutputStream in = child.getOutputStream()) {
      assertThat(out.readLine()).isEqualTo("ready");
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<String>>> here = new ArrayList<>();
      for (String name : List.of("parent-1", "parent-2")) {
        here.add(
            threads.submit(
                () -> {
                  go.await();
                  return RaceWriter.race(backend, ROUNDS, CLAIMS, name, false);
                }));
      }
      in.write("go\n".getBytes(UTF_8));
      in.flush();
      go.countDown();
      for (String line; (line = out.readLine()) != null && !line.equals("done"); ) {
        childWins.add(line.substring("won ".length()));
      }
      List<String> parentWins = new ArrayList<>();
      for (Future<List<String>> f : here) {
        parentWins.addAll(f.get(4, TimeUnit.MINUTES));
      }
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(child.exitValue()).isZero();

      try (InputStream counter = backend.read(ObjectKey.of("counter"))) {
        assertThat(new String(counter.readAllBytes(), UTF_8))
            .isEqualTo(Integer.toString(3 * ROUNDS));
      }
      System.out.printf("claims won: child %d, parent %d%n", childWins.size(), parentWins.size());
      Set<String> all = new HashSet<>(parentWins);
      all.addAll(childWins);
      assertThat(parentWins.size() + childWins.size()).isEqualTo(CLAIMS);
      assertThat(all).hasSize(CLAIMS);
      for (String claim : all) {
        RemoteFile stored = backend.stat(ObjectKey.of("claim/" + claim)).orElseThrow();
        String winner = childWins.contains(claim) ? "child" : "parent-";
        assertThat(stored.metadata().get("winner")).startsWith(winner);
      }
    } finally {
      threads.shutdownNow();
      child.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".cloudsync-tmp-")))
          .isEmpty();
    }
  }
}

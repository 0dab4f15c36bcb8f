package io.cloudsync.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudsync sync} as a separate process on 2,000 files, SIGKILLed early, midway and late,
 * then run to the end: every file is on the remote with its content, and no object that was
 * complete when a run was killed was written again (its version token never changes).
 */
class SyncCrashE2eTest {
  static final int FILES = 2000;
  @TempDir Path tmp;

  Process start(Path ws, Path remote) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.cloudsync.cli.CloudSync",
            "sync",
            ws.toString(),
            "--remote",
            "local:" + remote,
            "--quiet")
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("run-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  Map<String, String> versions(Path remote) {
    Map<String, String> out = new HashMap<>();
    try (StorageBackend backend =
            StorageProviders.load().open(BackendConfig.isolated("local:" + remote));
        Stream<RemoteFile> files = backend.list("")) {
      files.forEach(f -> out.put(f.key().value(), f.version().value()));
    }
    return out;
  }

  @Test
  void killedRunsConvergeWithoutRewritingCompletedObjects() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < FILES; i++) {
      String rel = "d" + (i % 20) + "/f" + i + ".txt";
      String content = ("file " + i + " ").repeat(1 + i % 300);
      Files.createDirectories(ws.resolve(rel).getParent());
      Files.writeString(ws.resolve(rel), content);
      expected.put(rel, content);
    }
    Map<String, String> completed = new HashMap<>();
    int kills = 0;
    for (int target : new int[] {FILES / 10, FILES / 2, FILES * 9 / 10}) {
      Process p = start(ws, remote);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (p.isAlive() && countFiles(remote) < target && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (p.isAlive()) {
        kills++;
      }
      p.destroyForcibly().waitFor();
      Map<String, String> now = versions(remote);
      completed.forEach((k, v) -> assertThat(now.get(k)).as("rewritten: " + k).isEqualTo(v));
      completed.putAll(now);
    }
    Process last = start(ws, remote);
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();
    assertThat(kills).isPositive();
    Map<String, String> end = versions(remote);
    assertThat(end.keySet()).isEqualTo(expected.keySet());
    completed.forEach((k, v) -> assertThat(end.get(k)).as("rewritten: " + k).isEqualTo(v));
    try (StorageBackend backend =
        StorageProviders.load().open(BackendConfig.isolated("local:" + remote))) {
      for (Map.Entry<String, String> e : expected.entrySet()) {
        try (var in = backend.read(io.cloudsync.core.ObjectKey.of(e.getKey()))) {
          assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
              .isEqualTo(e.getValue());
        }
      }
    }
  }

  static int countFiles(Path remote) {
    try (Stream<Path> walk = Files.walk(remote)) {
      return (int)
          walk.filter(
                  p -> p.getFileName().toString().startsWith("f") && p.toString().endsWith(".txt"))
              .count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}

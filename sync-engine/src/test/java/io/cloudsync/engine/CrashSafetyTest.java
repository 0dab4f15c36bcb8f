package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.support.SyncMain;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync process killed with SIGKILL early, in the middle and late, then rerun: it converges, every
 * file is present with its content on both sides, and no completed upload is repeated.
 */
class CrashSafetyTest {
  static final int FILES = 2000;
  @TempDir Path tmp;

  Process start(Path ws, Path remote, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            SyncMain.class.getName(),
            ws.toString(),
            remote.toString(),
            log.toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("proc-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  /**
   * Starts a run and SIGKILLs it once {@code progress} reaches {@code at}; false if it finished
   * first.
   */
  boolean killAt(Path ws, Path remote, Path log, IntSupplier progress, int at) throws Exception {
    Process p = start(ws, remote, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && progress.getAsInt() < at && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    boolean killed = p.isAlive();
    p.destroyForcibly().waitFor();
    return killed;
  }

  int finish(Path ws, Path remote, Path log) throws Exception {
    Process p = start(ws, remote, log);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  static int lines(Path log) {
    try {
      return Files.exists(log) ? (int) Files.readAllLines(log).size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static int journalRows(Path ws) {
    try (Journal j = Journal.open(ws.resolve(".cloudsync"))) {
      return j.entries().size();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Test
  void killedUploadsAndDownloadsConvergeWithoutLossOrRepeatedUploads() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    Path log = tmp.resolve("writes.log");
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < FILES; i++) {
      String rel = "d" + (i % 20) + "/f" + i + ".txt";
      String content = ("file " + i + " ").repeat(1 + i % 300);
      Files.createDirectories(a.resolve(rel).getParent());
      Files.writeString(a.resolve(rel), content);
      expected.put(rel, content);
    }
    List<Boolean> killedUp =
        List.of(
            killAt(a, remote, log, () -> lines(log), FILES / 10),
            killAt(a, remote, log, () -> lines(log), FILES / 2),
            killAt(a, remote, log, () -> lines(log), FILES * 9 / 10));
    assertThat(finish(a, remote, log)).isZero();
    assertThat(killedUp).contains(true);

    List<Boolean> killedDown =
        List.of(
            killAt(b, remote, log, () -> journalRows(b), FILES / 10),
            killAt(b, remote, log, () -> journalRows(b), FILES / 2),
            killAt(b, remote, log, () -> journalRows(b), FILES * 9 / 10));
    assertThat(finish(b, remote, log)).isZero();
    assertThat(killedDown).contains(true);

    Map<String, Long> writesPerKey =
        Files.readAllLines(log).stream()
            .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    // a write whose log line was lost to the kill is not repeated either: the rerun finds equal
    // content on both sides and only records the base
    assertThat(expected.keySet()).containsAll(writesPerKey.keySet());
    assertThat(writesPerKey.size()).isGreaterThan(FILES - 3 * SyncOptions.DEFAULT_TRANSFERS - 1);
    assertThat(writesPerKey).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
    assertThat(tree(a)).isEqualTo(expected);
    assertThat(tree(b)).isEqualTo(expected);
    try (StorageBackend r =
            StorageProviders.load().open(BackendConfig.isolated("local:" + remote));
        Stream<RemoteFile> files = r.list("")) {
      Map<String, String> remoteTree = new HashMap<>();
      for (RemoteFile f : files.toList()) {
        try (var in = r.read(f.key())) {
          remoteTree.put(f.key().value(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      assertThat(remoteTree).isEqualTo(expected);
    }
    try (Journal ja = Journal.open(a.resolve(".cloudsync"));
        Journal jb = Journal.open(b.resolve(".cloudsync"))) {
      assertThat(ja.entries()).hasSize(FILES);
      assertThat(jb.entries()).hasSize(FILES);
      assertThat(ja.openConflicts()).isEmpty();
      assertThat(jb.openConflicts()).isEmpty();
    }
  }

  static Map<String, String> tree(Path ws) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> walk = Files.walk(ws)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = ws.relativize(p).toString().replace(File.separatorChar, '/');
        if (!rel.startsWith(".cloudsync/")) {
          out.put(rel, Files.readString(p));
        }
      }
    }
    return out;
  }
}

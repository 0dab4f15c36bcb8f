package io.cloudsync.engine.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.engine.MaxDelete;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.SyncOptions;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workspaces syncing one remote at the same time, each on its own thread, with random edits
 * (create, edit, delete) between their runs on a small shared set of names so that they collide
 * often. Every write is remembered by its SHA-256 (each content is unique). A content may vanish
 * only when a writer that had it in its own workspace replaced or deleted it; everything else must
 * survive, under its name or as a conflict copy, and both workspaces end equal to the remote.
 */
@Timeout(180)
class ConcurrentWritersTest {
  private static final int ROUNDS = 100;
  private static final int NAMES = 24;
  private static final SyncOptions OPTIONS =
      SyncOptions.defaults().withMaxDelete(MaxDelete.parse("100%"));

  @TempDir Path tmp;
  private StorageBackend remote;

  @AfterEach
  void closeRemote() {
    if (remote != null) {
      remote.close();
    }
  }

  /** One content ever written: by whom, where, in which round. */
  private record Write(String writer, String key, int round, String sha256) {}

  /** What the writers did, shared between their threads. */
  private static final class Ledger {
    private final List<Write> writes = new ArrayList<>();
    private final Set<String> superseded = new HashSet<>();

    synchronized void wrote(Write w) {
      writes.add(w);
    }

    /** The writer had {@code sha256} in its workspace and replaced or deleted it on purpose. */
    synchronized void superseded(String sha256) {
      superseded.add(sha256);
    }

    synchronized List<Write> mustSurvive() {
      return writes.stream().filter(w -> !superseded.contains(w.sha256())).toList();
    }

    synchronized int size() {
      return writes.size();
    }
  }

  /** One side: a workspace, its engine, a seeded stream of edits. */
  private static final class Writer {
    private final String name;
    private final Path workspace;
    private final SyncEngine engine;
    private final Random random;
    private final Ledger ledger;
    private final List<SyncResult> results = new ArrayList<>();
    private int edits;

    Writer(String name, Path workspace, StorageBackend remote, long seed, Ledger ledger) {
      this.name = name;
      this.workspace = workspace;
      Clock clock = Clock.system();
      this.engine =
          new SyncEngine(
              workspace,
              remote,
              new ResolverPolicies(
                  StrategyRules.always(ConflictStrategy.KEEP_BOTH), "box-" + name, clock),
              clock);
      this.random = new Random(seed);
      this.ledger = ledger;
    }

    /** Creates, edits or deletes one to three of the shared names. */
    void edit(int round) throws IOException {
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        String key = keyOf(random.nextInt(NAMES));
        Path file = workspace.resolve(key);
        if (Files.isRegularFile(file)) {
          ledger.superseded(Trees.hash(file));
          if (random.nextInt(4) == 0) {
            Files.delete(file);
            edits++;
            continue;
          }
        }
        byte[] content =
            ("%s round %d edit %d nonce %d%n%s%n"
                    .formatted(name, round, i, random.nextLong(), "x".repeat(random.nextInt(200))))
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        ledger.wrote(new Write(name, key, round, Trees.hash(content)));
        edits++;
      }
    }

    void sync() {
      results.add(engine.sync(OPTIONS, SyncListener.NONE));
    }

    private static String keyOf(int n) {
      return switch (n % 3) {
        case 0 -> "notes/n%02d.txt".formatted(n);
        case 1 -> "docs/deep/d%02d.md".formatted(n);
        default -> "top%02d.bin".formatted(n);
      };
    }
  }

  private static StorageBackend localRemote(Path folder) throws IOException {
    Files.createDirectories(folder);
    return StorageProviders.load()
        .open(BackendConfig.isolated("file://" + folder.toAbsolutePath()));
  }

  @Test
  void twoWorkspacesSyncingOneLocalRemoteAtOnceNeverLoseAnUpdateAndConverge() throws Exception {
    remote = localRemote(tmp.resolve("remote"));
    writeConcurrently("local remote");
  }

  @Test
  void twoWorkspacesSyncingOneS3BucketAtOnceNeverLoseAnUpdateAndConverge() throws Exception {
    try (S3ProxyRemote s3 = new S3ProxyRemote()) {
      // S3Proxy checks conditions before it stores, not atomically as S3 does: see
      // AtomicConditions.
      remote = new AtomicConditions(s3.freshBucket());
      writeConcurrently("S3Proxy");
    }
  }

  private void writeConcurrently(String label) throws Exception {
    Ledger ledger = new Ledger();
    Writer a = new Writer("a", Files.createDirectories(tmp.resolve("a")), remote, 101, ledger);
    Writer b = new Writer("b", Files.createDirectories(tmp.resolve("b")), remote, 202, ledger);
    CyclicBarrier together = new CyclicBarrier(2);

    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (Writer w : List.of(a, b)) {
        runs.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    for (int round = 0; round < ROUNDS; round++) {
                      if (round % 10 == 0) {
                        together.await();
                      }
                      w.edit(round);
                      w.sync();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(w.name + ": " + e, e);
                  }
                },
                threads));
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
    }

    List<SyncResult> quiet = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      a.sync();
      b.sync();
      quiet.add(a.results.getLast());
      quiet.add(b.results.getLast());
      if (i > 0 && a.results.getLast().plan().isEmpty() && b.results.getLast().plan().isEmpty()) {
        break;
      }
    }

    Map<String, String> treeA = Trees.local(a.workspace);
    Map<String, String> treeB = Trees.local(b.workspace);
    Map<String, String> treeRemote = Trees.remote(remote);
    assertThat(a.results.getLast().plan()).as("a's last quiet sync plans nothing").isEmpty();
    assertThat(b.results.getLast().plan()).as("b's last quiet sync plans nothing").isEmpty();
    assertThat(treeA).isEqualTo(treeRemote);
    assertThat(treeB).isEqualTo(treeRemote);

    Set<String> present = new HashSet<>(treeRemote.values());
    Map<String, Write> lost = new TreeMap<>();
    for (Write w : ledger.mustSurvive()) {
      if (!present.contains(w.sha256())) {
        lost.put(w.writer() + "/" + w.round() + "/" + w.key(), w);
      }
    }
    assertThat(lost).as("writes lost without their author or a reader replacing them").isEmpty();

    Map<String, Integer> conflictCopies = new HashMap<>();
    treeRemote.keySet().stream()
        .filter(k -> k.contains(".conflict-"))
        .forEach(
            k -> conflictCopies.merge(k.substring(0, k.indexOf(".conflict-")), 1, Integer::sum));
    int conflicts =
        a.results.stream().mapToInt(SyncResult::conflicts).sum()
            + b.results.stream().mapToInt(SyncResult::conflicts).sum();
    assertThat(a.edits + b.edits).isGreaterThan(ROUNDS * 2);
    System.out.printf(
        "concurrent writers (%s): %d rounds, %d edits, %d contents written, %d had to"
            + " survive, %d conflicts met, %d conflict copies, %d files at the end%n",
        label,
        ROUNDS,
        a.edits + b.edits,
        ledger.size(),
        ledger.mustSurvive().size(),
        conflicts,
        conflictCopies.values().stream().mapToInt(Integer::intValue).sum(),
        treeRemote.size());
  }
}

package io.cloudsync.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.Clock;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.support.WorkspaceTree;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.testkit.FaultInjectingBackend;
import io.cloudsync.testkit.InMemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workspaces on one remote, three rounds, every row of the decision table in each round, with
 * and without injected faults (transient failures, lost responses, truncated reads, latency): both
 * sides converge to the same tree and every edit survives as a file or a conflict copy.
 */
class TwoWorkspaceScenarioTest {
  @TempDir Path tmp;

  @Test
  void everyPlannerRowConvergesOverThreeRounds() throws Exception {
    run(new InMemoryBackend(), false);
  }

  @Test
  void everyPlannerRowConvergesUnderInjectedFaults() throws Exception {
    FaultInjectingBackend faulty =
        FaultInjectingBackend.wrap(new InMemoryBackend(), 7)
            .transientFailures(0.2)
            .lostResponses(0.05)
            .truncatedReads(0.1)
            .latencyUpTo(Duration.ofMillis(2));
    run(faulty, true);
    assertThat(faulty.injected(FaultInjectingBackend.Fault.TRANSIENT)).isPositive();
    assertThat(faulty.injected(FaultInjectingBackend.Fault.LOST_RESPONSE)).isPositive();
  }

  private void run(StorageBackend backend, boolean faults) throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Random rnd = new Random(11);
    int serial = 0;
    for (int i = 0; i < 24; i++) {
      edit(a, key(i), "initial " + i);
    }
    converge(backend, a, b, faults);
    for (int round = 1; round <= 3; round++) {
      List<String> keys = new ArrayList<>(WorkspaceTree.read(a).keySet());
      keys.removeIf(k -> k.contains(".conflict-"));
      java.util.Collections.shuffle(keys, rnd);
      Set<String> written = new HashSet<>();
      Set<String> gone = new HashSet<>();
      int k = 0;
      for (int n = 0; n < 3; n++)
        written.add(edit(a, keys.get(k++), "r" + round + " a-only " + serial++));
      for (int n = 0; n < 3; n++)
        written.add(edit(b, keys.get(k++), "r" + round + " b-only " + serial++));
      for (int n = 0; n < 2; n++) {
        String key = keys.get(k++);
        written.add(edit(a, key, "r" + round + " both a " + serial++));
        written.add(edit(b, key, "r" + round + " both b " + serial++));
      }
      String same = keys.get(k++);
      written.add(edit(a, same, "r" + round + " same on both"));
      edit(b, same, "r" + round + " same on both");
      for (int n = 0; n < 2; n++) gone.add(delete(a, keys.get(k++)));
      for (int n = 0; n < 2; n++) gone.add(delete(b, keys.get(k++)));
      String delA = keys.get(k++);
      delete(a, delA);
      written.add(edit(b, delA, "r" + round + " b edits what a deleted " + serial++));
      String delB = keys.get(k++);
      written.add(edit(a, delB, "r" + round + " a edits what b deleted " + serial++));
      delete(b, delB);
      String bothGone = keys.get(k++);
      delete(a, bothGone);
      delete(b, bothGone);
      gone.add(bothGone);
      written.add(edit(a, "new/r" + round + "-a.txt", "r" + round + " new in a"));
      written.add(edit(b, "new/r" + round + "-b.txt", "r" + round + " new in b"));
      written.add(edit(a, "new/r" + round + "-both.txt", "r" + round + " created by a"));
      written.add(edit(b, "new/r" + round + "-both.txt", "r" + round + " created by b"));
      written.add(edit(a, "new/r" + round + "-same.txt", "r" + round + " created equal"));
      edit(b, "new/r" + round + "-same.txt", "r" + round + " created equal");

      converge(backend, a, b, faults);

      Map<String, String> ta = WorkspaceTree.read(a);
      assertThat(ta).as("round %d: both workspaces equal", round).isEqualTo(WorkspaceTree.read(b));
      assertThat(ta).as("round %d: remote equal", round).isEqualTo(remote(backend, faults));
      assertThat(ta.values()).as("round %d: every edit survives", round).containsAll(written);
      assertThat(ta.keySet())
          .as("round %d: deletions carried", round)
          .doesNotContainAnyElementsOf(gone);
    }
  }

  private void converge(StorageBackend backend, Path a, Path b, boolean faults) throws IOException {
    SyncOptions options =
        SyncOptions.defaults()
            .withMaxDelete(MaxDelete.parse("100%"))
            .withTransfers(4)
            .withRetry(
                new io.cloudsync.engine.resilience.RetryPolicy(
                    5, Duration.ofMillis(1), 2.0, Duration.ofMillis(20), 0.5));
    int cleanPasses = 0;
    List<String> lastPass = new ArrayList<>();
    for (int pass = 0; pass < 40 && cleanPasses < 2; pass++) {
      boolean clean = true;
      lastPass.clear();
      for (Path ws : List.of(a, b)) {
        try {
          SyncResult r = engine(ws, backend).sync(options, SyncListener.NONE);
          clean &= r.errors().isEmpty() && r.plan().isEmpty();
          if (!r.errors().isEmpty() || !r.plan().isEmpty()) {
            lastPass.add(ws.getFileName() + ": plan " + r.plan() + ", errors " + r.errors());
          }
        } catch (StorageException e) {
          assertThat(faults).as("a failure without injected faults: %s", e.getMessage()).isTrue();
          lastPass.add(ws.getFileName() + ": " + e.getMessage());
          clean = false;
        }
      }
      cleanPasses = clean ? cleanPasses + 1 : 0;
    }
    assertThat(cleanPasses).as("converged; the last pass still had %s", lastPass).isEqualTo(2);
  }

  private SyncEngine engine(Path ws, StorageBackend backend) {
    String host = ws.getFileName().toString();
    return new SyncEngine(
        ws,
        backend,
        new ResolverPolicies(
            io.cloudsync.conflict.StrategyRules.always(
                io.cloudsync.conflict.ConflictStrategy.KEEP_BOTH),
            "host-" + host,
            Clock.system()),
        Clock.system());
  }

  private static String key(int i) {
    return "d" + (i % 4) + "/f" + i + ".txt";
  }

  private static String edit(Path ws, String rel, String content) throws IOException {
    Path p = ws.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return content;
  }

  private static String delete(Path ws, String rel) throws IOException {
    Files.delete(ws.resolve(rel));
    return rel;
  }

  private static Map<String, String> remote(StorageBackend backend, boolean faults)
      throws IOException {
    StorageBackend plain = backend instanceof FaultInjectingBackend f ? f.delegate() : backend;
    Map<String, String> out = new TreeMap<>();
    try (Stream<RemoteFile> files = plain.list("")) {
      for (RemoteFile f : files.toList()) {
        try (InputStream in = plain.read(f.key())) {
          out.put(f.key().value(), new String(in.readAllBytes(), UTF_8));
        }
      }
    }
    return out;
  }
}

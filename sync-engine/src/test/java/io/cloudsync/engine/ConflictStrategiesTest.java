package io.cloudsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.support.MemoryBackend;
import io.cloudsync.engine.support.WorkspaceTree;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conflict module's strategies, applied by the engine end to end. */
class ConflictStrategiesTest {
  @TempDir Path tmp;
  final MemoryBackend remote = new MemoryBackend();
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T07:30:05Z"));

  SyncEngine engine(Path ws, StrategyRules rules) {
    return new SyncEngine(ws, remote, new ResolverPolicies(rules, "box-a", clock), clock);
  }

  SyncResult sync(Path ws, StrategyRules rules) {
    return engine(ws, rules).sync(SyncOptions.defaults(), SyncListener.NONE);
  }

  Path[] editedOnBothSides(String name, String base, String a, String b, StrategyRules rules)
      throws IOException {
    Path wa = Files.createDirectories(tmp.resolve("a"));
    Path wb = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(wa.resolve(name), base);
    sync(wa, rules);
    sync(wb, rules);
    Files.writeString(wa.resolve(name), a);
    Files.writeString(wb.resolve(name), b);
    sync(wa, rules);
    return new Path[] {wa, wb};
  }

  @Test
  void theHostNameIsAskedOnceAtTheFirstConflictAndNeverByARunWithout() throws Exception {
    StrategyRules rules = StrategyRules.always(ConflictStrategy.KEEP_BOTH);
    AtomicInteger asked = new AtomicInteger();
    Supplier<String> host =
        () -> {
          asked.incrementAndGet();
          return "box-b";
        };
    Path wa = Files.createDirectories(tmp.resolve("a"));
    Path wb = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(wa.resolve("notes.md"), "base\n");
    Files.writeString(wa.resolve("plan.md"), "base\n");
    sync(wa, rules);
    SyncEngine b = new SyncEngine(wb, remote, new ResolverPolicies(rules, host, clock), clock);
    b.sync(SyncOptions.defaults(), SyncListener.NONE);
    assertThat(asked).hasValue(0);

    Files.writeString(wa.resolve("notes.md"), "from a\n");
    Files.writeString(wa.resolve("plan.md"), "from a\n");
    sync(wa, rules);
    Files.writeString(wb.resolve("notes.md"), "from b\n");
    Files.writeString(wb.resolve("plan.md"), "from b\n");
    SyncResult r = b.sync(SyncOptions.defaults(), SyncListener.NONE);

    assertThat(r.conflicts()).isEqualTo(2);
    assertThat(asked).hasValue(1);
    assertThat(WorkspaceTree.read(wb))
        .containsEntry("notes.conflict-box-b-20261122-073005.md", "from b\n")
        .containsEntry("plan.conflict-box-b-20261122-073005.md", "from b\n");
  }

  @Test
  void thisMachinesNameIsTheKernelsNameWhereLinuxTellsIt() throws Exception {
    Path kernel = Path.of("/proc/sys/kernel/hostname");
    assumeTrue(Files.isReadable(kernel), "no /proc/sys/kernel/hostname here");

    assertThat(ResolverPolicies.localHostName()).isEqualTo(Files.readString(kernel).strip());
  }

  @Test
  void keepBothSavesTheLocalEditAsAHostNamedConflictCopyOnBothSides() throws Exception {
    StrategyRules rules = StrategyRules.always(ConflictStrategy.KEEP_BOTH);
    Path[] ws = editedOnBothSides("notes.md", "base\n", "from a\n", "from b\n", rules);
    SyncResult r = sync(ws[1], rules);
    assertThat(r.conflicts()).isEqualTo(1);
    assertThat(WorkspaceTree.read(ws[1]))
        .containsEntry("notes.md", "from a\n")
        .containsEntry("notes.conflict-box-a-20261122-073005.md", "from b\n");
    sync(ws[0], rules);
    assertThat(WorkspaceTree.read(ws[0])).isEqualTo(WorkspaceTree.read(ws[1]));
  }

  @Test
  void keepBothFindingItsConflictCopyAlreadyStoredCarriesOnInsteadOfLoopingAsALostRace()
      throws Exception {
    StrategyRules rules = StrategyRules.always(ConflictStrategy.KEEP_BOTH);
    Path[] ws = editedOnBothSides("notes.md", "base\n", "from a\n", "from b\n", rules);
    // An earlier attempt made the copy and stored it, then lost the answer (or the run stopped
    // there): the copy is on both sides, but nothing recorded it.
    Files.writeString(ws[1].resolve("notes.conflict-box-a-20261122-073005.md"), "from b\n");
    byte[] copy = "from b\n".getBytes(StandardCharsets.UTF_8);
    remote.write(
        ObjectKey.of("notes.conflict-box-a-20261122-073005.md"),
        new ByteArrayInputStream(copy),
        copy.length,
        Map.of(),
        WriteCondition.IF_ABSENT);

    SyncResult r = sync(ws[1], rules);

    assertThat(r.errors()).isEmpty();
    assertThat(WorkspaceTree.read(ws[1]))
        .isEqualTo(
            Map.of(
                "notes.md", "from a\n",
                "notes.conflict-box-a-20261122-073005.md", "from b\n"));
    assertThat(sync(ws[1], rules).plan()).as("settled: nothing left to do").isEmpty();
    sync(ws[0], rules);
    assertThat(WorkspaceTree.read(ws[0])).isEqualTo(WorkspaceTree.read(ws[1]));
  }

  @Test
  void aSecondConflictOfTheSameKeyInTheSameSecondGetsANumberedCopyAndLosesNothing()
      throws Exception {
    StrategyRules rules = StrategyRules.always(ConflictStrategy.KEEP_BOTH);
    Path[] ws = editedOnBothSides("notes.md", "base\n", "from a\n", "from b\n", rules);
    sync(ws[1], rules);
    sync(ws[0], rules);

    Files.writeString(ws[0].resolve("notes.md"), "again from a\n");
    Files.writeString(ws[1].resolve("notes.md"), "again from b\n");
    sync(ws[0], rules);
    SyncResult r = sync(ws[1], rules);

    assertThat(r.errors()).isEmpty();
    assertThat(WorkspaceTree.read(ws[1]))
        .containsEntry("notes.md", "again from a\n")
        .containsEntry("notes.conflict-box-a-20261122-073005.md", "from b\n")
        .containsEntry("notes.conflict-box-a-20261122-073005-2.md", "again from b\n");
    sync(ws[0], rules);
    assertThat(WorkspaceTree.read(ws[0])).isEqualTo(WorkspaceTree.read(ws[1]));
  }

  @Test
  void mergeCombinesNonOverlappingLineEditsAgainstTheKeptBase() throws Exception {
    StrategyRules rules =
        new StrategyRules(
            List.of(new StrategyRules.Rule("*.txt", ConflictStrategy.MERGE)),
            ConflictStrategy.KEEP_BOTH);
    Path[] ws =
        editedOnBothSides(
            "list.txt", "one\ntwo\nthree\n", "ONE\ntwo\nthree\n", "one\ntwo\nTHREE\n", rules);
    SyncResult r = sync(ws[1], rules);
    assertThat(r.conflicts()).isEqualTo(1);
    assertThat(WorkspaceTree.read(ws[1])).isEqualTo(Map.of("list.txt", "ONE\ntwo\nTHREE\n"));
    sync(ws[0], rules);
    assertThat(WorkspaceTree.read(ws[0])).isEqualTo(Map.of("list.txt", "ONE\ntwo\nTHREE\n"));
    try (Stream<Path> kept = Files.list(ws[1].resolve(".cloudsync/base"))) {
      assertThat(kept.map(p -> p.getFileName().toString()))
          .as("only the merged version's base is kept; the old base is pruned")
          .containsExactly(
              ContentHasher.sha256()
                  .hash("ONE\ntwo\nTHREE\n".getBytes(StandardCharsets.UTF_8))
                  .hex());
    }
  }

  @Test
  void strategyFlagOverridesTheRulesForTheRun() throws Exception {
    StrategyRules rules = StrategyRules.always(ConflictStrategy.KEEP_BOTH);
    Path[] ws = editedOnBothSides("n.txt", "base", "A", "B", rules);
    engine(ws[1], rules).sync(SyncOptions.defaults().withStrategy("local"), SyncListener.NONE);
    assertThat(WorkspaceTree.read(ws[1])).isEqualTo(Map.of("n.txt", "B"));
    sync(ws[0], rules);
    assertThat(WorkspaceTree.read(ws[0])).isEqualTo(Map.of("n.txt", "B"));
  }

  @Test
  void modifyDeleteKeepsTheChangedSide() throws Exception {
    StrategyRules rules = StrategyRules.always(ConflictStrategy.KEEP_BOTH);
    Path wa = Files.createDirectories(tmp.resolve("a"));
    Path wb = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(wa.resolve("f.txt"), "base");
    sync(wa, rules);
    sync(wb, rules);
    Files.delete(wa.resolve("f.txt"));
    engine(wa, rules)
        .sync(SyncOptions.defaults().withMaxDelete(MaxDelete.parse("100%")), SyncListener.NONE);
    Files.writeString(wb.resolve("f.txt"), "edited in b");
    SyncResult r = sync(wb, rules);
    assertThat(r.conflicts()).isEqualTo(1);
    sync(wa, rules);
    assertThat(WorkspaceTree.read(wa)).isEqualTo(Map.of("f.txt", "edited in b"));
  }
}

package io.cloudsync.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudsync.cli.CliResult;
import io.cloudsync.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudsync sync} end to end: two workspaces on one local remote, through the CLI. */
class SyncCommandE2eTest {
  @TempDir Path tmp;
  Path a;
  Path b;
  CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    a = Files.createDirectories(tmp.resolve("a"));
    b = Files.createDirectories(tmp.resolve("b"));
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    cli =
        new CliRunner(
            tmp,
            Map.of(
                "HOME",
                tmp.resolve("home").toString(),
                "CLOUDSYNC_REMOTE",
                "local:" + remote,
                "HOSTNAME",
                "e2e"));
  }

  CliResult sync(Path ws, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "sync";
    args[1] = ws.toString();
    args[2] = "--max-delete=100%";
    System.arraycopy(more, 0, args, 3, more.length);
    return cli.run(args);
  }

  JsonNode json(CliResult r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  static String write(Path ws, String rel, String content) throws IOException {
    Path p = ws.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return content;
  }

  static Map<String, String> tree(Path ws) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(ws)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = ws.relativize(p).toString();
        if (!rel.startsWith(".cloudsync")) {
          out.put(rel, Files.readString(p));
        }
      }
    }
    return out;
  }

  @Test
  void firstSyncUploadsAndReportsJsonCounts() throws Exception {
    write(a, "notes/one.md", "one");
    write(a, "two.txt", "two!");
    CliResult r = sync(a, "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json(r);
    assertThat(j.get("uploaded").asInt()).isEqualTo(2);
    assertThat(j.get("bytesUploaded").asLong()).isEqualTo(7);
    for (String field :
        new String[] {
          "downloaded",
          "deletedRemote",
          "deletedLocal",
          "conflicts",
          "skipped",
          "bytesDownloaded",
          "durationMs"
        }) {
      assertThat(j.has(field)).as(field).isTrue();
    }
    CliResult rb = sync(b, "--json");
    assertThat(json(rb).get("downloaded").asInt()).isEqualTo(2);
    assertThat(tree(b)).isEqualTo(tree(a));
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() throws Exception {
    write(a, "x.txt", "x");
    CliResult r = sync(a, "--dry-run", "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode plan = json(r).get("plan");
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).get("type").asText()).isEqualTo("UPLOAD");
    assertThat(plan.get(0).get("key").asText()).isEqualTo("x.txt");
    assertThat(json(sync(b, "--json")).get("downloaded").asInt()).isZero();
  }

  @Test
  void everyRowOverThreeRoundsConvergesAndKeepsEveryEdit() throws Exception {
    for (int i = 0; i < 12; i++) {
      write(a, "d/f" + i + ".txt", "initial " + i);
    }
    for (int round = 1; round <= 3; round++) {
      write(a, "ff" + round, "a file that becomes a folder");
    }
    assertThat(sync(a).exitCode()).isZero();
    assertThat(sync(b).exitCode()).isZero();
    for (int round = 1; round <= 3; round++) {
      Set<String> edits = new HashSet<>();
      String r = "r" + round + " ";
      edits.add(write(a, "d/f0.txt", r + "a edits f0"));
      edits.add(write(b, "d/f1.txt", r + "b edits f1"));
      edits.add(write(a, "d/f2.txt", r + "a edits f2"));
      edits.add(write(b, "d/f2.txt", r + "b edits f2"));
      edits.add(write(a, "d/f3.txt", r + "same"));
      write(b, "d/f3.txt", r + "same");
      Files.deleteIfExists(a.resolve("d/f4.txt"));
      edits.add(write(b, "d/f4.txt", r + "b edits what a deleted"));
      edits.add(write(a, "d/f5.txt", r + "a edits what b deleted"));
      Files.deleteIfExists(b.resolve("d/f5.txt"));
      edits.add(write(a, "new-" + round + "-a.txt", r + "new in a"));
      edits.add(write(b, "new-" + round + "-b.txt", r + "new in b"));
      edits.add(write(a, "both-" + round + ".txt", r + "created by a"));
      edits.add(write(b, "both-" + round + ".txt", r + "created by b"));
      Files.deleteIfExists(a.resolve("d/f" + (5 + round) + ".txt"));
      Files.deleteIfExists(b.resolve("d/f" + (8 + round) + ".txt"));
      // a turns the file into a folder while b edits the file: the folder keeps the name and b's
      // edit survives as a conflict copy; the folder's file arrives a run after the file is gone.
      Files.delete(a.resolve("ff" + round));
      edits.add(write(a, "ff" + round + "/inside.txt", r + "in the folder that was a file"));
      edits.add(write(b, "ff" + round, r + "b edits what a made a folder"));
      for (int pass = 0; pass < 3; pass++) {
        assertThat(sync(a).exitCode()).as("round %d a", round).isZero();
        assertThat(sync(b).exitCode()).as("round %d b", round).isZero();
      }
      assertThat(tree(a)).as("round %d", round).isEqualTo(tree(b));
      assertThat(tree(a).values()).as("round %d", round).containsAll(edits);
      assertThat(tree(a))
          .doesNotContainKeys("d/f" + (5 + round) + ".txt", "d/f" + (8 + round) + ".txt");
      String copy = "both-" + round + ".conflict-e2e-";
      assertThat(tree(a).keySet()).anyMatch(k -> k.startsWith(copy));
      assertThat(tree(a)).containsKey("ff" + round + "/inside.txt");
      String folderCopy = "ff" + round + ".conflict-e2e-";
      assertThat(tree(a).keySet()).anyMatch(k -> k.startsWith(folderCopy));
    }
    CliResult noop = sync(a, "--json");
    assertThat(json(noop).get("uploaded").asInt() + json(noop).get("downloaded").asInt()).isZero();
  }

  @Test
  void deletionLimitStopsBeforeAnyChangeWithExit11() throws Exception {
    for (int i = 0; i < 4; i++) {
      write(a, "f" + i, "c" + i);
    }
    sync(a);
    sync(b);
    for (int i = 0; i < 3; i++) {
      Files.delete(a.resolve("f" + i));
    }
    CliResult r = cli.run("sync", a.toString());
    assertThat(r.exitCode()).isEqualTo(11);
    assertThat(r.err()).contains("--max-delete").contains("delete 3 of 4");
    assertThat(json(sync(b, "--json")).get("deletedLocal").asInt()).isZero();
    assertThat(tree(b)).hasSize(4);
  }

  @Test
  void corruptedJournalExits10AndRebuildLosesNothing() throws Exception {
    write(a, "same.txt", "same");
    write(a, "edited.txt", "v1");
    sync(a);
    for (String f : new String[] {"state.db-wal", "state.db-shm"}) {
      Files.deleteIfExists(a.resolve(".cloudsync").resolve(f));
    }
    Files.writeString(a.resolve(".cloudsync/state.db"), "garbage ".repeat(500));
    write(a, "edited.txt", "v2 local");
    CliResult broken = sync(a);
    assertThat(broken.exitCode()).isEqualTo(10);
    assertThat(broken.err()).contains("state.db").contains("cloudsync sync --rebuild-journal");
    CliResult rebuilt = sync(a, "--rebuild-journal");
    assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
    sync(b);
    assertThat(tree(b).values()).contains("same", "v2 local");
    assertThat(tree(a)).isEqualTo(tree(b));
  }

  @Test
  void badWorkspacesExit8WithTheReason() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    CliResult isFile = sync(file);
    assertThat(isFile.exitCode()).isEqualTo(8);
    assertThat(isFile.err()).contains("is a file, not a folder");
    CliResult missing = sync(tmp.resolve("missing"));
    assertThat(missing.exitCode()).isEqualTo(8);
    assertThat(missing.err()).contains("does not exist");
    Path blocked = Files.createDirectories(tmp.resolve("blocked"));
    Files.writeString(blocked.resolve(".cloudsync"), "a file in the way of the state folder");
    CliResult unwritable = sync(blocked);
    assertThat(unwritable.exitCode()).isEqualTo(8);
    assertThat(unwritable.err()).contains("not writable");
  }

  @Test
  void manualConflictIsListedShownAndResolved() throws Exception {
    write(a, "n.md", "base");
    sync(a);
    sync(b);
    write(a, "n.md", "A");
    write(b, "n.md", "B");
    sync(a);
    assertThat(sync(b, "--strategy", "manual").exitCode()).isEqualTo(4);
    CliResult list = cli.run("conflicts", "list", "-w", b.toString());
    assertThat(list.exitCode()).isEqualTo(4);
    assertThat(list.out()).contains("n.md").contains("BOTH_MODIFIED");
    CliResult show = cli.run("conflicts", "show", "n.md", "-w", b.toString());
    assertThat(show.out()).contains("Kind:").contains("open");
    CliResult resolve =
        cli.run("conflicts", "resolve", "n.md", "--strategy", "local", "-w", b.toString());
    assertThat(resolve.exitCode()).as(resolve.err()).isZero();
    assertThat(cli.run("conflicts", "list", "-w", b.toString()).exitCode()).isZero();
    sync(a);
    assertThat(Files.readString(a.resolve("n.md"))).isEqualTo("B");
  }

  @Test
  void unknownStrategyOrDirectionIsInvalidInput() {
    for (String[] bad :
        new String[][] {
          {"--strategy", "coinflip"}, {"--direction", "sideways"}, {"--max-delete", "lots"}
        }) {
      CliResult r = cli.run("sync", a.toString(), bad[0], bad[1]);
      assertThat(r.exitCode()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(7);
      assertThat(r.err()).contains(bad[0]);
    }
  }
}

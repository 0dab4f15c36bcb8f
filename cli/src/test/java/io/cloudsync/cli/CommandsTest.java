package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudsync.core.ContentHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  @TempDir Path tmp;
  Path work;
  Path home;
  Path remote;
  CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectories(tmp.resolve("work"));
    home = Files.createDirectories(tmp.resolve("home"));
    remote = Files.createDirectories(tmp.resolve("remote"));
    cli =
        new CliRunner(work, Map.of("HOME", home.toString(), "CLOUDSYNC_REMOTE", "local:" + remote));
  }

  private Path file(String name, String content) throws IOException {
    Path file = work.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void putThenCatReturnsTheSameBytes() throws IOException {
    file("a.txt", "hello, world\n");

    CliResult put = cli.run("put", "a.txt", "docs/a.txt");
    CliResult cat = cli.run("cat", "docs/a.txt");

    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(put.out()).contains("Uploaded a.txt to").contains("docs/a.txt").contains("13 B");
    assertThat(cat.exitCode()).isZero();
    assertThat(cat.out()).isEqualTo("hello, world\n");
    assertThat(cat.err()).isEmpty();
  }

  @Test
  void getWritesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
    file("a.txt", "content of a");
    cli.run("put", "a.txt", "a.txt");

    CliResult get = cli.run("get", "a.txt", "copy.txt");

    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(Files.readString(work.resolve("copy.txt"))).isEqualTo("content of a");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.txt", "copy.txt");
    }
  }

  @Test
  void getIntoAFolderUsesTheKeysName() throws IOException {
    file("a.txt", "x");
    cli.run("put", "a.txt", "deep/name.txt");
    Files.createDirectories(work.resolve("out"));

    CliResult get = cli.run("get", "deep/name.txt", "out");

    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(Files.readString(work.resolve("out/name.txt"))).isEqualTo("x");
  }

  @Test
  void getReplacesAnExistingFile() throws IOException {
    file("a.txt", "new");
    file("target.txt", "old content that is longer");
    cli.run("put", "a.txt", "a.txt");

    assertThat(cli.run("get", "a.txt", "target.txt").exitCode()).isZero();
    assertThat(Files.readString(work.resolve("target.txt"))).isEqualTo("new");
  }

  @Test
  void lsPrintsKeysAndFiltersByPrefix() throws IOException {
    file("a.txt", "a");
    cli.run("put", "a.txt", "docs/one.txt");
    cli.run("put", "a.txt", "docs/two.txt");
    cli.run("put", "a.txt", "other.txt");

    CliResult all = cli.run("ls");
    CliResult docs = cli.run("ls", "docs/");

    assertThat(all.exitCode()).isZero();
    assertThat(all.outLines())
        .containsExactlyInAnyOrder("docs/one.txt", "docs/two.txt", "other.txt");
    assertThat(docs.outLines()).containsExactlyInAnyOrder("docs/one.txt", "docs/two.txt");
  }

  @Test
  void lsLongShowsSizeTimeAndKey() throws IOException {
    file("a.txt", "12345");
    cli.run("put", "a.txt", "five.txt");

    CliResult ls = cli.run("ls", "--long");

    assertThat(ls.exitCode()).isZero();
    assertThat(ls.outLines()).hasSize(1);
    assertThat(ls.outLines().get(0))
        .matches("\\s+5  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  five\\.txt");
  }

  @Test
  void lsJsonIsOneArrayWithKeySizeModifiedHashAndVersion() throws IOException {
    file("a.txt", "json me");
    cli.run("put", "a.txt", "j/a.txt");
    cli.run("put", "a.txt", "j/b.txt");

    CliResult ls = cli.run("ls", "--json");

    assertThat(ls.exitCode()).isZero();
    JsonNode array = new ObjectMapper().readTree(ls.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(2);
    JsonNode first = array.get(0);
    assertThat(first.get("key").asText()).startsWith("j/");
    assertThat(first.get("size").asLong()).isEqualTo(7);
    assertThat(first.get("modified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(first.get("sha256").asText())
        .isEqualTo(ContentHasher.sha256().hash("json me".getBytes(StandardCharsets.UTF_8)).hex());
    assertThat(first.get("version").asText()).isNotBlank();
  }

  @Test
  void lsOfAnEmptyRemoteJsonIsAnEmptyArray() throws IOException {
    CliResult ls = cli.run("ls", "--json");

    assertThat(ls.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(ls.out()).size()).isZero();
  }

  @Test
  void lsReportsRemoteNamesThatAreNotKeysAsSkipped() throws IOException {
    file("a.txt", "a");
    cli.run("put", "a.txt", "good.txt");
    Files.writeString(remote.resolve("back\\slash.txt"), "planted by another tool");

    CliResult ls = cli.run("ls");

    assertThat(ls.exitCode()).as(ls.toString()).isZero();
    assertThat(ls.outLines()).containsExactly("good.txt");
    assertThat(ls.err()).startsWith("cloudsync: skipped remote object").contains("back\\slash.txt");
  }

  @Test
  void rmRemovesTheObject() throws IOException {
    file("a.txt", "a");
    cli.run("put", "a.txt", "gone.txt");

    CliResult rm = cli.run("rm", "gone.txt");

    assertThat(rm.exitCode()).isZero();
    assertThat(cli.run("ls").out()).isEmpty();
    assertThat(cli.run("cat", "gone.txt").exitCode()).isEqualTo(3);
  }

  @Test
  void rmOfAMissingKeyIsNotFoundUnlessForced() {
    assertThat(cli.run("rm", "never.txt").exitCode()).isEqualTo(3);
    assertThat(cli.run("rm", "--force", "never.txt").exitCode()).isZero();
  }

  @Test
  void statusPrintsTheBlockWithGroupedCountsAndHumanSizes() throws IOException {
    file("a.txt", "x".repeat(1500));
    for (int i = 0; i < 3; i++) {
      cli.run("put", "a.txt", "f" + i + ".txt");
    }

    CliResult status = cli.run("status");

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.outLines())
        .hasSize(7)
        .startsWith(
            "Storage Status",
            "Backend:       local",
            "Location:      " + remote,
            "Objects:       3",
            "Total Size:    4.5 kB");
    assertThat(status.outLines().get(5))
        .matches("Last Modified: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
    assertThat(status.outLines().get(6)).isEqualTo("Health:        connected");
  }

  @Test
  void statusInASyncedWorkspaceAddsItsPendingChangesOpenConflictsAndLastSync() throws IOException {
    file("notes/a.txt", "alpha");
    file("notes/b.txt", "beta");
    assertThat(cli.run("sync", "--quiet").exitCode()).isZero();
    file("notes/c.txt", "new here"); // one upload pending
    Files.delete(work.resolve("notes/b.txt")); // one remote delete pending
    Files.writeString(remote.resolve("notes/d.txt"), "new there"); // one download pending

    CliResult status = cli.run("status");

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.outLines())
        .contains(
            "Workspace:         " + work,
            "Pending Uploads:   1",
            "Pending Downloads: 1",
            "Pending Deletes:   1",
            "Open Conflicts:    0");
    assertThat(status.outLines())
        .anySatisfy(
            l -> assertThat(l).matches("Last Sync: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"));
    assertThat(remote.resolve("notes/c.txt")).as("status changes nothing").doesNotExist();
    assertThat(remote.resolve("notes/b.txt")).hasContent("beta");
    assertThat(work.resolve("notes/d.txt")).doesNotExist();
  }

  @Test
  void statusNamesTheWorkspaceByPathFromAnyFolder() throws IOException {
    file("a.txt", "alpha");
    assertThat(cli.run("sync", "--quiet").exitCode()).isZero();
    file("b.txt", "beta");
    CliRunner elsewhere =
        new CliRunner(home, Map.of("HOME", home.toString(), "CLOUDSYNC_REMOTE", "local:" + remote));

    CliResult byPath = elsewhere.run("status", work.toString());
    CliResult here = elsewhere.run("status");

    assertThat(byPath.exitCode()).as(byPath.toString()).isZero();
    assertThat(byPath.outLines()).contains("Workspace:         " + work, "Pending Uploads:   1");
    assertThat(here.exitCode()).isZero();
    assertThat(here.out()).as("home was never synced").doesNotContain("Workspace:");
  }

  @Test
  void statusOfAPathThatIsNotAFolderIsALocalErrorNamingIt() throws IOException {
    Path plainFile = file("plain.txt", "x");

    CliResult missing = cli.run("status", "no-such-folder");
    CliResult notFolder = cli.run("status", "plain.txt");

    assertThat(missing.exitCode()).isEqualTo(8);
    assertThat(missing.err())
        .contains(work.resolve("no-such-folder") + ": workspace does not exist");
    assertThat(notFolder.exitCode()).isEqualTo(8);
    assertThat(notFolder.err()).contains(plainFile + ": workspace is a file, not a folder");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void countsAreGroupedByThousands() {
    assertThat(Formats.count(1247)).isEqualTo("1,247");
    assertThat(Formats.count(1_000_000)).isEqualTo("1,000,000");
    assertThat(Formats.minutes(java.time.Instant.parse("2025-01-20T14:32:59Z")))
        .isEqualTo("2025-01-20 14:32 UTC");
  }

  @Test
  void theDefaultRemoteIsCreatedUnderXdgDataHome() throws IOException {
    Path xdg = tmp.resolve("xdg");
    CliRunner plain =
        new CliRunner(work, Map.of("HOME", home.toString(), "XDG_DATA_HOME", xdg.toString()));
    file("a.txt", "a");

    CliResult put = plain.run("put", "a.txt", "a.txt");

    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(xdg.resolve("cloudsync/remote/a.txt")).hasContent("a");
  }

  @Test
  void theDefaultRemoteFallsBackToHome() throws IOException {
    CliRunner plain = new CliRunner(work, Map.of("HOME", home.toString()));
    file("a.txt", "a");

    assertThat(plain.run("put", "a.txt", "a.txt").exitCode()).isZero();
    assertThat(home.resolve(".local/share/cloudsync/remote/a.txt")).hasContent("a");
    assertThat(plain.run("status").out())
        .contains(home.resolve(".local/share/cloudsync/remote").toString());
  }

  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
    Path fromFile = Files.createDirectories(tmp.resolve("from-file"));
    Path fromFlag = Files.createDirectories(tmp.resolve("from-flag"));
    file("cloudsync.yaml", "remote: local:" + fromFile + "\n");
    file("a.txt", "a");
    CliRunner noEnv = new CliRunner(work, Map.of("HOME", home.toString()));

    noEnv.run("put", "a.txt", "file.txt");
    cli.run("put", "a.txt", "env.txt");
    cli.run("put", "a.txt", "flag.txt", "--remote", "local:" + fromFlag);

    assertThat(fromFile.resolve("file.txt")).exists();
    assertThat(remote.resolve("env.txt")).exists();
    assertThat(fromFlag.resolve("flag.txt")).exists();
    assertThat(fromFile.resolve("env.txt")).doesNotExist();
  }

  @Test
  void aRelativeLocalRemoteIsResolvedAgainstTheWorkingFolder() throws IOException {
    Files.createDirectories(work.resolve("rel"));
    file("a.txt", "a");

    assertThat(cli.run("put", "a.txt", "k.txt", "--remote", "local:rel").exitCode()).isZero();
    assertThat(work.resolve("rel/k.txt")).exists();
  }

  @Test
  void initWritesACommentedConfigThatLoadsBack() throws IOException {
    CliResult init = cli.run("init", "--remote", "local:" + remote);

    assertThat(init.exitCode()).as(init.toString()).isZero();
    String yaml = Files.readString(work.resolve("cloudsync.yaml"));
    assertThat(yaml)
        .contains("remote: local:" + remote)
        .contains("# performance:")
        .contains("# conflicts:");
    CliResult show = new CliRunner(work, Map.of("HOME", home.toString())).run("config", "show");
    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out()).contains("remote: local:" + remote);
  }

  @Test
  void initWithoutARemoteLeavesTheDefaultCommentedOut() throws IOException {
    assertThat(new CliRunner(work, Map.of("HOME", home.toString())).run("init").exitCode())
        .isZero();
    assertThat(Files.readString(work.resolve("cloudsync.yaml")))
        .contains("# remote: local:" + home.resolve(".local/share/cloudsync/remote"));
  }

  @Test
  void initForceOverwrites() throws IOException {
    file("cloudsync.yaml", "remote: local:/elsewhere\n");

    assertThat(cli.run("init", "--force").exitCode()).isZero();
    assertThat(Files.readString(work.resolve("cloudsync.yaml"))).doesNotContain("/elsewhere");
  }

  @Test
  void configShowPrintsEffectiveValuesAndMasksSecrets() throws IOException {
    file(
        "cloudsync.yaml",
        """
        remote: local:%s
        s3:
          region: eu-west-1
        performance:
          transfers: 4
        conflicts:
          strategy: newer
          rules:
            "*.md": merge
        """
            .formatted(remote));

    CliResult show =
        new CliRunner(work, Map.of("HOME", home.toString()))
            .run("config", "show", "--remote", "s3://bucket/p?region=eu&secret_key=hunter2");

    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("remote: s3://bucket/p?region=eu&secret_key=***")
        .contains("s3:\n  region: eu-west-1")
        .contains("  transfers: 4")
        .contains("  part_size: 16M")
        .contains("  strategy: newer")
        .contains("    \"*.md\": merge")
        .doesNotContain("hunter2");
  }

  @Test
  void mkbucketCreatesAMissingLocalRoot() {
    Path root = tmp.resolve("new-root");

    CliResult made = cli.run("mkbucket", "--remote", "local:" + root);
    CliResult again = cli.run("mkbucket", "--remote", "local:" + root);

    assertThat(made.exitCode()).as(made.toString()).isZero();
    assertThat(made.out()).contains("Created " + root);
    assertThat(root).isDirectory();
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("Already exists");
  }

  @Test
  void versionPrintsTheReleaseJavaAndTheSha256Implementation() {
    CliResult version = cli.run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.outLines()).hasSize(3);
    assertThat(version.outLines().get(0)).matches("cloudsync \\d+\\.\\d+\\.\\d+.*");
    assertThat(version.outLines().get(1)).startsWith("Java ");
    assertThat(version.outLines().get(2))
        .isEqualTo("SHA-256: " + ContentHasher.sha256Implementation());
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    CliResult help = cli.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("init", "status", "ls", "put", "get", "cat", "rm", "mkbucket", "config")
        .contains("7 invalid input");
  }

  @Test
  void debugPrintsTheStackTraceAfterTheMessage() {
    CliResult result = cli.run("cat", "missing.txt", "--debug");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().lines().findFirst().orElseThrow()).startsWith("cloudsync: ");
    assertThat(result.err()).contains("NotFoundException").contains("\tat ");
  }
}

package io.cloudsync.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.cli.CliResult;
import io.cloudsync.cli.CliRunner;
import io.cloudsync.testkit.gcs.GcsEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cloudsync through the CLI against {@link GcsEmulator}, reached the way a user reaches an emulator
 * ({@code STORAGE_EMULATOR_HOST}, or {@code ?endpoint=}): the official client speaks the JSON API
 * to it; no GCS server runs here.
 */
class GcsEndToEndTest {
  @TempDir Path temp;
  private GcsEmulator emulator;
  private Path work;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    emulator = GcsEmulator.start();
    emulator.createBucket("e2e");
    work = Files.createDirectories(temp.resolve("work"));
    Path home = Files.createDirectories(temp.resolve("home"));
    cli = new CliRunner(work, env(home, "gs://e2e/team"));
  }

  private Map<String, String> env(Path home, String remote) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("XDG_DATA_HOME", home.resolve("data").toString());
    env.put("CLOUDSYNC_REMOTE", remote);
    env.put("STORAGE_EMULATOR_HOST", emulator.hostAndPort());
    return env;
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  private static void assertExit(CliResult result, int code, String... fragments) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(code);
    if (code != 0) {
      assertThat(result.err())
          .startsWith("cloudsync: ")
          .contains(fragments)
          .doesNotContain("\tat ");
    }
  }

  @Test
  void putLsAndCatGoThroughTheEmulatorUnderThePrefix() throws IOException {
    Files.writeString(work.resolve("a.txt"), "hello gcs");

    assertExit(cli.run("put", "a.txt", "docs/a.txt"), 0);

    assertThat(emulator.objectNames("e2e")).containsExactly("team/docs/a.txt");
    assertThat(emulator.metadata("e2e", "team/docs/a.txt").orElseThrow())
        .containsKey("cloudsync-sha256");
    CliResult ls = cli.run("ls");
    assertExit(ls, 0);
    assertThat(ls.out()).contains("docs/a.txt");
    CliResult cat = cli.run("cat", "docs/a.txt");
    assertExit(cat, 0);
    assertThat(cat.out()).isEqualTo("hello gcs");
  }

  @Test
  void syncCarriesAWorkspaceThroughTheEmulatorIntoASecondWorkspace() throws IOException {
    byte[] image = new byte[300_000];
    new java.util.Random(3).nextBytes(image);
    Files.createDirectories(work.resolve("notes"));
    Files.createDirectories(work.resolve("assets"));
    Files.writeString(work.resolve("notes/today.md"), "# today\n");
    Files.write(work.resolve("assets/image.bin"), image);
    Files.writeString(work.resolve("top.txt"), "top");
    Path second = Files.createDirectories(temp.resolve("second"));
    CliRunner inSecond = new CliRunner(second, env(temp.resolve("home"), "gs://e2e/team"));

    assertExit(cli.run("sync"), 0);
    assertThat(emulator.objectNames("e2e"))
        .contains("team/notes/today.md", "team/assets/image.bin", "team/top.txt");
    assertExit(inSecond.run("sync"), 0);

    assertThat(Files.readString(second.resolve("notes/today.md"))).isEqualTo("# today\n");
    assertThat(Files.readAllBytes(second.resolve("assets/image.bin"))).isEqualTo(image);
    assertThat(Files.readString(second.resolve("top.txt"))).isEqualTo("top");

    Files.writeString(second.resolve("top.txt"), "changed in the second workspace");
    assertExit(inSecond.run("sync"), 0);
    assertExit(cli.run("sync"), 0);
    assertThat(Files.readString(work.resolve("top.txt")))
        .isEqualTo("changed in the second workspace");
  }

  @Test
  void syncReportsAndSkipsHostileNamesAndWritesNothingOutsideTheWorkspace() throws IOException {
    emulator.plant("e2e", "team/fine.txt", "fine".getBytes(StandardCharsets.UTF_8));
    emulator.plant("e2e", "team/../escape.txt", "escaped".getBytes(StandardCharsets.UTF_8));
    emulator.plant("e2e", "team/../../escape2.txt", "escaped".getBytes(StandardCharsets.UTF_8));
    emulator.plant("e2e", "team/a//b.txt", "double".getBytes(StandardCharsets.UTF_8));
    Path outer = Files.createDirectories(temp.resolve("outer"));
    Path workspace = Files.createDirectories(outer.resolve("ws"));
    CliRunner inWorkspace = new CliRunner(workspace, env(temp.resolve("home"), "gs://e2e/team"));

    CliResult sync = inWorkspace.run("sync");

    assertExit(sync, 0);
    assertThat(sync.out() + sync.err()).contains("../escape.txt", "../../escape2.txt", "a//b.txt");
    assertThat(Files.readString(workspace.resolve("fine.txt"))).isEqualTo("fine");
    try (java.util.stream.Stream<Path> all = Files.walk(temp)) {
      assertThat(all.map(p -> p.getFileName().toString()))
          .doesNotContain("escape.txt", "escape2.txt", "b.txt");
    }
    assertThat(emulator.content("e2e", "team/../escape.txt")).isPresent();
  }

  @Test
  void lsReportsAndSkipsHostileObjectNames() {
    emulator.plant("e2e", "team/fine.txt", new byte[] {1});
    emulator.plant("e2e", "team/../escape.txt", new byte[] {2});
    emulator.plant("e2e", "team/a//b.txt", new byte[] {3});

    CliResult ls = cli.run("ls");

    assertExit(ls, 0);
    assertThat(ls.out()).contains("fine.txt").doesNotContain("escape.txt").doesNotContain("a//b");
    assertThat(ls.err())
        .contains("skipped remote object \"../escape.txt\"")
        .contains("skipped remote object \"a//b.txt\"");
  }

  @Test
  void mkbucketCreatesTheBucketOnceThroughTheEndpointOption() {
    CliResult first =
        cli.run("mkbucket", "--remote", "gs://fresh-bucket?endpoint=" + emulator.endpoint());
    CliResult second =
        cli.run("mkbucket", "--remote", "gs://fresh-bucket?endpoint=" + emulator.endpoint());

    assertExit(first, 0);
    assertThat(first.out()).contains("Created gs://fresh-bucket");
    assertExit(second, 0);
    assertThat(second.out()).contains("Already exists: gs://fresh-bucket");
  }

  @Test
  void aMissingBucketIsNotFound() {
    assertExit(
        cli.run("cat", "a.txt", "--remote", "gs://no-such-bucket/x"),
        3,
        "gs://no-such-bucket/x/a.txt",
        "bucket 'no-such-bucket' does not exist");
  }

  @Test
  void aMissingCredentialsFileIsInvalidInput() {
    Path creds = temp.resolve("missing-creds.json");
    CliRunner noEmulator =
        new CliRunner(
            work,
            Map.of("HOME", temp.toString(), "GOOGLE_APPLICATION_CREDENTIALS", creds.toString()));

    assertExit(
        noEmulator.run("ls", "--remote", "gs://e2e/team"),
        7,
        "GOOGLE_APPLICATION_CREDENTIALS " + creds,
        "does not exist");
  }

  @Test
  void aMalformedCredentialsFileIsInvalidInputAndNotQuoted() throws IOException {
    Path creds = temp.resolve("creds.json");
    Files.writeString(creds, "{\"private_key\": \"TOP-SECRET-VALUE", StandardCharsets.UTF_8);
    CliRunner noEmulator =
        new CliRunner(
            work,
            Map.of("HOME", temp.toString(), "GOOGLE_APPLICATION_CREDENTIALS", creds.toString()));

    CliResult result = noEmulator.run("ls", "--remote", "gs://e2e/team");

    assertExit(result, 7, creds.toString(), "not a Google credentials JSON file");
    assertThat(result.err() + result.out()).doesNotContain("TOP-SECRET-VALUE");
  }

  @Test
  void anUnreachableEndpointIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertExit(
        cli.run(
            "ls",
            "--remote",
            "gs://e2e/team?endpoint=http://127.0.0.1:" + port + "&max-attempts=1"),
        6,
        "gs://e2e/team",
        "cannot reach");
  }

  @Test
  void rejectedCredentialsAreAccessDenied() {
    emulator.failNext(403, 1);

    assertExit(cli.run("cat", "a.txt"), 5, "gs://e2e/team/a.txt", "credentials rejected");
  }
}

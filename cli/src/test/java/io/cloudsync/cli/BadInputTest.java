package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gets one line on stderr naming the thing, a distinct exit code, and writes
 * nothing: neither the remote nor the working folder changes.
 */
class BadInputTest {
  @TempDir Path tmp;
  Path work;
  Path home;
  Path remote;
  CliRunner cli;
  Map<String, Long> before;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectories(tmp.resolve("work"));
    home = Files.createDirectories(tmp.resolve("home"));
    remote = Files.createDirectories(tmp.resolve("remote"));
    Files.writeString(work.resolve("a.txt"), "some content");
    Files.createDirectories(work.resolve("folder"));
    cli =
        new CliRunner(work, Map.of("HOME", home.toString(), "CLOUDSYNC_REMOTE", "local:" + remote));
    before = snapshot();
  }

  private Map<String, Long> snapshot() {
    return FolderSnapshot.of(work, remote, home);
  }

  private void assertRejected(CliResult result, ExitCode code, String... fragments) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(code.code());
    assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
    assertThat(result.err()).startsWith("cloudsync: ").contains(fragments).doesNotContain("\tat ");
    assertThat(result.out()).isEmpty();
    assertThat(snapshot()).as("nothing written").isEqualTo(before);
  }

  private void writeConfig(String yaml) throws IOException {
    Files.writeString(work.resolve("cloudsync.yaml"), yaml, StandardCharsets.UTF_8);
    before = snapshot();
  }

  @Test
  void unknownSchemeListsTheKnownOnes() {
    assertRejected(
        cli.run("put", "a.txt", "k.txt", "--remote", "ftp://host/dir"),
        ExitCode.INVALID_INPUT,
        "ftp://host/dir",
        "unknown scheme 'ftp'",
        "local");
  }

  @Test
  void unknownSchemeFromTheEnvironmentIsRejectedToo() {
    assertRejected(
        cli.withEnv("CLOUDSYNC_REMOTE", "webdav://x").run("ls"),
        ExitCode.INVALID_INPUT,
        "unknown scheme 'webdav'");
  }

  @Test
  void malformedUriSaysWhatIsExpected() {
    assertRejected(
        cli.run("ls", "--remote", "just-a-word"),
        ExitCode.INVALID_INPUT,
        "'just-a-word'",
        "malformed backend URI",
        "s3://bucket/prefix");
  }

  @Test
  void keyWithDotDotIsRefused() {
    assertRejected(
        cli.run("put", "a.txt", "../escape.txt"), ExitCode.INVALID_INPUT, "../escape.txt", "'..'");
  }

  @Test
  void absoluteKeyIsRefused() {
    assertRejected(
        cli.run("put", "a.txt", "/etc/passwd"), ExitCode.INVALID_INPUT, "/etc/passwd", "absolute");
  }

  @Test
  void emptyKeyIsRefused() {
    assertRejected(cli.run("put", "a.txt", ""), ExitCode.INVALID_INPUT, "key is empty");
  }

  @Test
  void keyWithNulIsRefusedAndPrintedEscaped() {
    CliResult result = cli.run("put", "a.txt", "a\0b.txt");
    assertRejected(result, ExitCode.INVALID_INPUT, "a\\u0000b.txt", "NUL");
    assertThat(result.err()).doesNotContain("\0");
  }

  @Test
  void keyOver1024BytesIsRefused() {
    assertRejected(
        cli.run("put", "a.txt", "k".repeat(1025)), ExitCode.INVALID_INPUT, "1025 bytes", "1024");
  }

  @Test
  void missingLocalFileIsNotFound() {
    assertRejected(
        cli.run("put", "nope.txt", "k.txt"), ExitCode.NOT_FOUND, "nope.txt", "no such file");
  }

  @Test
  void folderGivenAsFileIsRefused() {
    assertRejected(
        cli.run("put", "folder", "k.txt"), ExitCode.INVALID_INPUT, "folder", "is a folder");
  }

  @Test
  void unreadableFileIsALocalIoError() throws Exception {
    Path secret = work.resolve("secret.txt");
    Files.writeString(secret, "private");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    before = snapshot();
    if (!Files.isReadable(secret)) {
      assertRejected(
          cli.run("put", "secret.txt", "k.txt"),
          ExitCode.LOCAL_IO,
          "secret.txt",
          "permission denied");
      return;
    }
    // Running as root: file modes do not stop reads. Run the CLI in a child JVM without the
    // capabilities that bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH).
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setpriv")),
        "running as root and setpriv is missing: no way to make a file unreadable");
    CliResult result = runWithoutReadOverride("put", "secret.txt", "k.txt");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LOCAL_IO.code());
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).startsWith("cloudsync: ").contains("secret.txt", "permission denied");
    assertThat(snapshot()).isEqualTo(before);
  }

  private CliResult runWithoutReadOverride(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/setpriv");
    command.add("--bounding-set=-dac_override,-dac_read_search");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dguice_bytecode_gen_option=DISABLED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CloudSync.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("CLOUDSYNC_REMOTE", "local:" + remote);
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void malformedYamlNamesTheFileAndLine() throws IOException {
    writeConfig("performance:\n  transfers: 4\n remote: [unclosed\n");
    assertRejected(
        cli.run("ls"),
        ExitCode.INVALID_INPUT,
        work.resolve("cloudsync.yaml").toString(),
        "line 3",
        "malformed YAML");
  }

  @Test
  void unknownConfigKeyNamesTheFileLineAndKey() throws IOException {
    writeConfig("remote: local:" + remote + "\ns3:\n  region: eu-west-1\n  regoin: eu-west-1\n");
    assertRejected(
        cli.run("ls"),
        ExitCode.INVALID_INPUT,
        "cloudsync.yaml line 4",
        "unknown key 's3.regoin'",
        "region");
  }

  @Test
  void unknownTopLevelConfigKeyIsRefused() throws IOException {
    writeConfig("remote: local:" + remote + "\nremtoe: x\n");
    assertRejected(cli.run("ls"), ExitCode.INVALID_INPUT, "line 2", "unknown key 'remtoe'");
  }

  @Test
  void malformedSizeInConfigNamesTheKey() throws IOException {
    writeConfig("performance:\n  part_size: lots\n");
    assertRejected(
        cli.run("ls"),
        ExitCode.INVALID_INPUT,
        "line 2",
        "performance.part_size",
        "'lots' is not a size");
  }

  @Test
  void malformedSizeOptionIsRefused() {
    assertRejected(
        cli.run("put", "a.txt", "k.txt", "--part-size", "12Q"),
        ExitCode.INVALID_INPUT,
        "--part-size",
        "'12Q' is not a size");
  }

  @Test
  void malformedRemoteInConfigNamesTheFile() throws IOException {
    writeConfig("remote: nonsense\n");
    assertRejected(
        new CliRunner(work, Map.of("HOME", home.toString())).run("ls"),
        ExitCode.INVALID_INPUT,
        "cloudsync.yaml line 1",
        "malformed backend URI");
  }

  @Test
  void missingBucketRootIsNotFoundAndSaysHowToCreateIt() {
    Path missing = tmp.resolve("nonexistent");
    assertRejected(
        cli.run("put", "a.txt", "k.txt", "--remote", "local:" + missing),
        ExitCode.NOT_FOUND,
        missing.toString(),
        "does not exist",
        "mkbucket");
    assertThat(missing).doesNotExist();
  }

  @Test
  void missingRootAtTheFilesystemTopIsNotFound() {
    assertRejected(
        cli.run("ls", "--remote", "local:/nonexistent"),
        ExitCode.NOT_FOUND,
        "/nonexistent",
        "mkbucket");
    assertThat(Path.of("/nonexistent")).doesNotExist();
  }

  @Test
  void readOnlyRootIsALocalIoError() throws Exception {
    Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
    boolean immutable = makeReadOnly(readOnly);
    try {
      Map<String, Long> was = FolderSnapshot.of(readOnly);
      CliResult result = cli.run("put", "a.txt", "k.txt", "--remote", "local:" + readOnly);
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LOCAL_IO.code());
      assertThat(result.err().lines().toList()).hasSize(1);
      assertThat(result.err()).startsWith("cloudsync: ").contains(readOnly.toString());
      assertThat(FolderSnapshot.of(readOnly)).isEqualTo(was);
      assertThat(snapshot()).isEqualTo(before);
    } finally {
      if (immutable) {
        new ProcessBuilder("chattr", "-i", readOnly.toString()).start().waitFor();
      }
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** chmod 555 stops everyone but root; for root, the immutable attribute does the same. */
  private static boolean makeReadOnly(Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!Files.isWritable(dir)) {
      return false;
    }
    int code = -1;
    try {
      code = new ProcessBuilder("chattr", "+i", dir.toString()).start().waitFor();
    } catch (IOException e) {
      // chattr is not installed; the assumption below explains the skip.
    }
    assumeTrue(code == 0, "running as root and the filesystem has no immutable attribute");
    return true;
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertRejected(cli.run("upload", "a.txt"), ExitCode.USAGE, "unknown command 'upload'", "put");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertRejected(cli.run("ls", "--recursive"), ExitCode.USAGE, "--recursive");
  }

  @Test
  void missingArgumentIsAUsageError() {
    assertRejected(cli.run("put", "a.txt"), ExitCode.USAGE, "KEY");
  }

  @Test
  void longAndJsonTogetherIsAUsageError() {
    assertRejected(cli.run("ls", "--long", "--json"), ExitCode.USAGE, "--long", "--json");
  }

  @Test
  void getOfAMissingKeyIsNotFoundAndCreatesNoFile() {
    assertRejected(
        cli.run("get", "missing.txt", "out.txt"), ExitCode.NOT_FOUND, "missing.txt", "not found");
  }

  @Test
  void getIntoAMissingFolderIsNotFound() {
    assertRejected(
        cli.run("get", "k.txt", "no/such/dir/out.txt"), ExitCode.NOT_FOUND, "no such folder");
  }

  @Test
  void catOfAnInvalidKeyIsRefused() {
    assertRejected(cli.run("cat", "a//b"), ExitCode.INVALID_INPUT, "a//b", "empty segment");
  }

  @Test
  void initRefusesToOverwriteWithoutForce() throws IOException {
    writeConfig("remote: local:/kept\n");
    assertRejected(cli.run("init"), ExitCode.CONFLICT, "cloudsync.yaml", "--force");
    assertThat(Files.readString(work.resolve("cloudsync.yaml"))).isEqualTo("remote: local:/kept\n");
  }

  @Test
  void noHomeAndNoRemoteSaysWhatToSet() {
    assertRejected(
        new CliRunner(work, Map.of()).run("ls"),
        ExitCode.INVALID_INPUT,
        "--remote",
        "CLOUDSYNC_REMOTE");
  }
}

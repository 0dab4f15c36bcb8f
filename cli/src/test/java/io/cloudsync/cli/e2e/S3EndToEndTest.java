package io.cloudsync.cli.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.cli.CloudSync;
import io.cloudsync.cli.Invocation;
import io.cloudsync.core.ContentHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against S3Proxy, checked with an independent client (rclone) where one is
 * installed.
 */
class S3EndToEndTest {
  private static final S3ProxyForCli SERVER = S3ProxyForCli.get();

  @TempDir Path work;
  @TempDir Path data;

  private String bucket;

  private record Result(int exitCode, String out, String err) {}

  @BeforeEach
  void createBucket() throws IOException {
    bucket = S3ProxyForCli.freshBucket();
    writeConfig(work, bucket, "team/docs");
    Result made = cli(work, env(), "mkbucket");
    assertThat(made.exitCode()).as(made.err()).isZero();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(S3ProxyForCli.credentials());
    env.put("HOME", data.toString());
    env.put("XDG_DATA_HOME", data.resolve("xdg").toString());
    return env;
  }

  private static void writeConfig(Path dir, String bucket, String prefix) throws IOException {
    Files.writeString(
        dir.resolve("cloudsync.yaml"),
        """
        s3:
          bucket: %s
          prefix: %s
          region: us-east-1
          endpoint_url: %s
        """
            .formatted(bucket, prefix, SERVER.endpoint()));
  }

  private static Result cli(Path dir, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, UTF_8);
        PrintStream e = new PrintStream(err, true, UTF_8)) {
      code = CloudSync.run(new Invocation(dir, env, o, e), args);
    }
    return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void putListGetAndStatusRoundTripThroughS3() throws IOException {
    byte[] small = "hello from the command line\n".getBytes(UTF_8);
    byte[] large = new byte[(20 << 20) + 123];
    new Random(7).nextBytes(large);
    Files.write(work.resolve("a.txt"), small);
    Files.write(work.resolve("big.bin"), large);

    assertThat(cli(work, env(), "put", "a.txt", "notes/a.txt").exitCode()).isZero();
    Result bigPut = cli(work, env(), "put", "big.bin", "big.bin");
    assertThat(bigPut.exitCode()).as(bigPut.err()).isZero();

    Result ls = cli(work, env(), "ls");
    assertThat(ls.exitCode()).as(ls.err()).isZero();
    assertThat(ls.out()).contains("notes/a.txt").contains("big.bin");

    assertThat(cli(work, env(), "get", "notes/a.txt", "back.txt").exitCode()).isZero();
    assertThat(Files.readAllBytes(work.resolve("back.txt"))).isEqualTo(small);
    assertThat(cli(work, env(), "get", "big.bin", "big-back.bin").exitCode()).isZero();
    assertThat(Files.readAllBytes(work.resolve("big-back.bin"))).isEqualTo(large);

    Result status = cli(work, env(), "status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("s3://" + bucket + "/team/docs");

    assertIndependentClientSees(
        "team/docs/notes/a.txt", small.length, ContentHasher.sha256().hash(small).hex());
    assertIndependentClientSees(
        "team/docs/big.bin", large.length, ContentHasher.sha256().hash(large).hex());
  }

  @Test
  void syncCarriesAWorkspaceThroughS3IntoASecondOneAndBringsBackAnEditMadeByRclone()
      throws IOException {
    Path first = Files.createDirectories(work.resolve("first"));
    Path second = Files.createDirectories(work.resolve("second"));
    byte[] readme = "# notes\n".getBytes(UTF_8);
    byte[] image = new byte[(3 << 20) + 17];
    new Random(11).nextBytes(image);
    Files.write(first.resolve("readme.md"), readme);
    Files.createDirectories(first.resolve("assets"));
    Files.write(first.resolve("assets/logo.bin"), image);

    Result up = cli(work, env(), "sync", first.toString(), "--json");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("\"uploaded\":2");
    assertIndependentClientSees(
        "team/docs/readme.md", readme.length, ContentHasher.sha256().hash(readme).hex());
    assertIndependentClientSees(
        "team/docs/assets/logo.bin", image.length, ContentHasher.sha256().hash(image).hex());

    Result down = cli(work, env(), "sync", second.toString(), "--json");
    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(second.resolve("readme.md"))).isEqualTo(readme);
    assertThat(Files.readAllBytes(second.resolve("assets/logo.bin"))).isEqualTo(image);

    Path edited = Files.writeString(data.resolve("edited.md"), "# notes, edited with rclone\n");
    rclone("copyto", edited.toString(), "s3proxy:" + bucket + "/team/docs/readme.md");
    Result again = cli(work, env(), "sync", first.toString(), "--json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("\"downloaded\":1");
    assertThat(Files.readString(first.resolve("readme.md")))
        .isEqualTo("# notes, edited with rclone\n");
  }

  @Test
  void wrongCredentialsExitWithFive() throws IOException {
    Files.writeString(work.resolve("a.txt"), "x");
    Map<String, String> env = env();
    env.put("AWS_SECRET_ACCESS_KEY", "definitely-wrong-secret");
    Result result = cli(work, env, "put", "a.txt", "a.txt");
    assertThat(result.exitCode()).isEqualTo(5);
    assertOneLineNamingTheLocation(result, "s3://" + bucket + "/team/docs/a.txt");
    assertThat(result.err()).doesNotContain("definitely-wrong-secret");
  }

  @Test
  void aMissingBucketExitsWithThree() {
    Result result = cli(work, env(), "ls", "--remote", uri("no-such-bucket-e2e", "p"));
    assertThat(result.exitCode()).isEqualTo(3);
    assertOneLineNamingTheLocation(result, "s3://no-such-bucket-e2e");
  }

  @Test
  void anUnreachableEndpointExitsWithSix() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Result result =
        cli(
            work,
            env(),
            "ls",
            "--remote",
            "s3://" + bucket + "?endpoint=http://127.0.0.1:" + closed + "&region=us-east-1");
    assertThat(result.exitCode()).isEqualTo(6);
    assertOneLineNamingTheLocation(result, "s3://" + bucket);
  }

  @Test
  void aMalformedEndpointExitsWithSeven() {
    Result result =
        cli(work, env(), "ls", "--remote", "s3://" + bucket + "?endpoint=localhost:9000");
    assertThat(result.exitCode()).isEqualTo(7);
    assertOneLineNamingTheLocation(result, "s3://" + bucket);
    assertThat(result.err()).contains("malformed endpoint URL");
  }

  private String uri(String bucketName, String prefix) {
    return "s3://"
        + bucketName
        + "/"
        + prefix
        + "?endpoint="
        + SERVER.endpoint()
        + "&region=us-east-1";
  }

  private static void assertOneLineNamingTheLocation(Result result, String location) {
    assertThat(result.err().strip()).contains(location).doesNotContain("\n");
    assertThat(result.err()).doesNotContain(S3ProxyForCli.SECRET_KEY);
  }

  /** Lists the object with rclone, an S3 client that shares no code with cloudsync. */
  private void assertIndependentClientSees(String key, long size, String sha256)
      throws IOException {
    String json = rclone("lsjson", "--metadata", "--files-only", "s3proxy:" + bucket + "/" + key);
    assertThat(json)
        .contains("\"Size\":" + size)
        .contains("\"cloudsync-sha256\":\"" + sha256 + "\"");
  }

  static boolean rcloneInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/rclone"))
        || Files.isExecutable(Path.of("/usr/local/bin/rclone"));
  }

  /** Runs rclone against the server with a remote named {@code s3proxy}, configured by env. */
  static String rclone(String... args) throws IOException {
    Assumptions.assumeTrue(rcloneInstalled(), "rclone is not installed");
    List<String> command = new ArrayList<>();
    command.add("rclone");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    Map<String, String> env = builder.environment();
    // A CA bundle meant for HTTPS clients makes rclone refuse its plain-HTTP transport.
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("RCLONE_"));
    env.put("RCLONE_CONFIG_S3PROXY_TYPE", "s3");
    env.put("RCLONE_CONFIG_S3PROXY_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_S3PROXY_ENDPOINT", SERVER.endpoint().toString());
    env.put("RCLONE_CONFIG_S3PROXY_ACCESS_KEY_ID", S3ProxyForCli.ACCESS_KEY);
    env.put("RCLONE_CONFIG_S3PROXY_SECRET_ACCESS_KEY", S3ProxyForCli.SECRET_KEY);
    env.put("RCLONE_CONFIG_S3PROXY_REGION", "us-east-1");
    env.put("RCLONE_CONFIG_S3PROXY_FORCE_PATH_STYLE", "true");
    env.put("RCLONE_CONFIG", "/dev/null");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("rclone did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("rclone " + String.join(" ", args) + " failed: " + err);
    }
    return new String(out, UTF_8);
  }
}

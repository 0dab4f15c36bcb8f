package io.cloudsync.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.cli.CloudSync;
import io.cloudsync.cli.Invocation;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against Azurite over HTTP, checked by a REST client that shares no code with it. */
class AzureEndToEndTest {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  @TempDir Path home;
  @TempDir Path work;

  private String container;
  private AzureBlobRestClient independent;

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void freshContainer() {
    container = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    independent =
        new AzureBlobRestClient(
            AZURITE.blobEndpoint(), AZURITE.accountName(), AZURITE.accountKey());
  }

  private Map<String, String> env(String remote, String connectionString) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("XDG_DATA_HOME", home.resolve("data").toString());
    env.put("CLOUDSYNC_REMOTE", remote);
    env.put("AZURE_STORAGE_CONNECTION_STRING", connectionString);
    return env;
  }

  private Result run(Map<String, String> env, Path dir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = CloudSync.run(new Invocation(dir, env, o, e), args);
    }
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Result run(String... args) {
    return run(env("az://" + container + "/team", AZURITE.connectionString()), work, args);
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  @Test
  void putListGetAndStatusAgreeWithAnIndependentClient() throws Exception {
    assertThat(run("mkbucket").exit()).isZero();
    Files.write(work.resolve("small.txt"), "hello azure".getBytes(StandardCharsets.UTF_8));
    byte[] big = bytes(20 * 1024 * 1024 + 123, 7);
    Files.write(work.resolve("big.bin"), big);

    Result putSmall = run("put", "small.txt", "docs/small.txt");
    Result putBig = run("put", "big.bin", "media/big.bin");
    assertThat(putSmall.exit()).as(putSmall.err()).isZero();
    assertThat(putBig.exit()).as(putBig.err()).isZero();

    assertThat(independent.list(container))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("team/docs/small.txt", 11L, "team/media/big.bin", (long) big.length));
    Result ls = run("ls");
    assertThat(ls.exit()).isZero();
    assertThat(ls.out().lines()).containsExactlyInAnyOrder("docs/small.txt", "media/big.bin");

    Result get = run("get", "media/big.bin", "copy.bin");
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(Files.readAllBytes(work.resolve("copy.bin"))).isEqualTo(big);

    Result status = run("status");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("az://" + container + "/team")
        .contains("Objects:")
        .contains("connected")
        .doesNotContain(AZURITE.accountKey());
  }

  @Test
  void aBlobChangedByAnotherClientIsWhatTheCliReadsNext() throws Exception {
    assertThat(run("mkbucket").exit()).isZero();
    Files.writeString(work.resolve("note.txt"), "version one");
    assertThat(run("put", "note.txt", "note.txt").exit()).isZero();

    independent.put(
        container, "team/note.txt", "version two, from elsewhere".getBytes(StandardCharsets.UTF_8));

    Result get = run("get", "note.txt", "fetched.txt");
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(Files.readString(work.resolve("fetched.txt")))
        .isEqualTo("version two, from elsewhere");
    assertThat(run("ls", "-l").out()).contains("27  ").contains("note.txt");
  }

  @Test
  void syncCarriesAWorkspaceThroughAzuriteIntoASecondWorkspaceAndBack() throws Exception {
    assertThat(run("mkbucket").exit()).isZero();
    Path first = Files.createDirectories(work.resolve("first"));
    Path second = Files.createDirectories(work.resolve("second"));
    Files.writeString(first.resolve("readme.md"), "# notes\n");
    Files.createDirectories(first.resolve("assets"));
    byte[] image = bytes(3 * 1024 * 1024 + 17, 11);
    Files.write(first.resolve("assets/logo.bin"), image);

    Result up = run("sync", first.toString(), "--json");
    assertThat(up.exit()).as(up.err()).isZero();
    assertThat(up.out()).contains("\"uploaded\":2");
    assertThat(independent.list(container))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("team/readme.md", 8L, "team/assets/logo.bin", (long) image.length));

    Result down = run("sync", second.toString(), "--json");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(down.out()).contains("\"downloaded\":2");
    assertThat(Files.readString(second.resolve("readme.md"))).isEqualTo("# notes\n");
    assertThat(Files.readAllBytes(second.resolve("assets/logo.bin"))).isEqualTo(image);

    independent.put(
        container,
        "team/readme.md",
        "# notes, edited elsewhere\n".getBytes(StandardCharsets.UTF_8));
    Result again = run("sync", first.toString(), "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("\"downloaded\":1");
    assertThat(Files.readString(first.resolve("readme.md")))
        .isEqualTo("# notes, edited elsewhere\n");
  }

  @Test
  void badInputsGiveDistinctExitCodesAndOneLineWithoutSecrets() throws Exception {
    assertThat(run("mkbucket").exit()).isZero();
    String wrongKey = Base64.getEncoder().encodeToString("definitely not the key".getBytes());
    String wrong =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
            + wrongKey
            + ";BlobEndpoint="
            + AZURITE.blobEndpoint()
            + ";";
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
            + AZURITE.accountKey()
            + ";BlobEndpoint=http://127.0.0.1:"
            + closedPort
            + "/devstoreaccount1;";
    String malformed = "AccountName=devstoreaccount1;AccountKey=%%%" + AZURITE.accountKey();

    Result denied = run(env("az://" + container + "/team", wrong), work, "ls");
    Result missing = run(env("az://nosuch" + container, AZURITE.connectionString()), work, "ls");
    Result down = run(env("az://" + container, unreachable), work, "ls");
    Result invalid = run(env("az://" + container, malformed), work, "ls");

    assertThat(denied.exit()).as(denied.err()).isEqualTo(5);
    assertThat(denied.err())
        .contains("az://" + container + "/team")
        .contains("credentials rejected");
    assertThat(missing.exit()).as(missing.err()).isEqualTo(3);
    assertThat(missing.err()).contains("does not exist");
    assertThat(down.exit()).as(down.err()).isEqualTo(6);
    assertThat(down.err()).contains("cannot reach http://127.0.0.1:" + closedPort);
    assertThat(invalid.exit()).as(invalid.err()).isEqualTo(7);
    assertThat(invalid.err())
        .contains("connection string in AZURE_STORAGE_CONNECTION_STRING is malformed");
    for (Result r : new Result[] {denied, missing, down, invalid}) {
      assertThat(r.err().strip()).doesNotContain("\n");
      assertThat(r.err() + r.out()).doesNotContain(AZURITE.accountKey()).doesNotContain(wrongKey);
    }
  }
}

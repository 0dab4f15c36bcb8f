package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code src/build/ClassFileUpgrade.java}, which {@code ./cloudsync} runs on picocli's jar before
 * recording the AOT cache: run as the build runs it (the JDK's source-file mode, JDK 24+), on the
 * picocli jar this module is built with.
 */
class ClassFileUpgradeTest {
  private static final Path TOOL = Path.of("src/build/ClassFileUpgrade.java").toAbsolutePath();

  @TempDir Path temp;
  Path jar;

  @BeforeEach
  void copyPicocliJar() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 24, "the class-file API this tool uses is final in JDK 24");
    Path original =
        Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    jar = temp.resolve("picocli.jar");
    Files.copy(original, jar);
  }

  private record Run(int exit, String output) {}

  private static Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** The class-file major version of every class outside META-INF, by entry name. */
  private static Map<String, Integer> classVersions(Path jar) throws IOException {
    Map<String, Integer> versions = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
          versions.put(entry.getName(), majorVersion(zip));
        }
      }
    }
    return versions;
  }

  private static int majorVersion(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
    in.readUnsignedShort(); // minor
    return in.readUnsignedShort();
  }

  @Test
  void rewritesEveryJava5ClassAsJava8AndPicocliStillWorksUnderFullVerification() throws Exception {
    Map<String, Integer> before = classVersions(jar);
    long old = before.values().stream().filter(v -> v < 50).count();
    assertThat(old).as("picocli ships Java 5 classes").isGreaterThan(100);

    Run upgrade = java(TOOL.toString(), jar.toString());

    assertThat(upgrade.exit()).as(upgrade.output()).isZero();
    assertThat(upgrade.output())
        .contains("picocli.jar: " + old + " classes rewritten as version 52");
    Map<String, Integer> after = classVersions(jar);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    assertThat(after.values()).allMatch(v -> v >= 52);
    // picocli's own command-line tool builds a command model and prints its usage: the rewritten
    // classes load, link and pass the verifier.
    Run help = java("-Xverify:all", "-cp", jar.toString(), "picocli.AutoComplete", "--help");
    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(help.output()).startsWith("Usage: picocli.AutoComplete");
    assertThat(Files.list(temp)).containsExactly(jar);
  }

  @Test
  void aSecondRunFindsNothingToRewriteAndLeavesTheJarAsItIs() throws Exception {
    assertThat(java(TOOL.toString(), jar.toString()).exit()).isZero();
    byte[] once = Files.readAllBytes(jar);

    Run again = java(TOOL.toString(), jar.toString());

    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("0 classes rewritten");
    assertThat(Files.readAllBytes(jar)).isEqualTo(once);
  }

  @Test
  void aFileThatIsNotAJarIsLeftAsItWasWithExit1() throws Exception {
    Path notAJar = temp.resolve("broken.jar");
    byte[] bytes = "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(notAJar, bytes);

    Run run = java(TOOL.toString(), notAJar.toString());

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("broken.jar: left as it was");
    assertThat(Files.readAllBytes(notAJar)).isEqualTo(bytes);
    assertThat(Files.list(temp)).containsExactlyInAnyOrder(jar, notAJar);
  }
}

package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher, {@code bin/cloudsync}, run by {@code sh} against a stand-in JDK
 * whose {@code java} prints the arguments it is given: which AOT cache and JIT options a run gets.
 */
class LauncherTest {
  @TempDir Path temp;
  Path appHome;
  Path jdk;
  Path workDir;

  @BeforeEach
  void layOutADistributionAndAJdk() throws IOException {
    appHome = temp.resolve("cloudsync");
    Files.createDirectories(appHome.resolve("bin"));
    Files.createDirectories(appHome.resolve("lib"));
    Files.copy(
        Path.of("src/dist/bin/cloudsync"),
        appHome.resolve("bin/cloudsync"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(appHome.resolve("lib/cloudsync.aot"), "");
    Files.writeString(appHome.resolve("lib/cloudsync-cloud.aot"), "");
    jdk = temp.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
    workDir = Files.createDirectories(temp.resolve("work"));
  }

  private List<String> javaArguments(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("sh", appHome.resolve("bin/cloudsync").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(workDir.toFile());
    builder.environment().remove("CLOUDSYNC_REMOTE");
    builder.environment().remove("CLOUDSYNC_JAVA_OPTS");
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  /** Runs the launcher; returns its exit code and what it printed. */
  private Map.Entry<Integer, String> launch(String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("sh", appHome.resolve("bin/cloudsync").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("CLOUDSYNC_JAVA_OPTS");
    builder.environment().put("JAVA_HOME", jdk.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Map.entry(process.exitValue(), out);
  }

  private void release(String content) throws IOException {
    Files.writeString(jdk.resolve("release"), content);
  }

  private static final String EAGER = "-XX:+AOTCompileEagerly";

  private String cache(String name) throws IOException {
    // The launcher spells its folder from `pwd -P`: without symbolic links.
    return "-XX:AOTCache=" + appHome.toRealPath().resolve("lib/" + name);
  }

  @Test
  void localRunTakesTheLocalCacheAndTheUsualCompileThresholds() throws Exception {
    List<String> java = javaArguments(Map.of(), "sync", "notes", "--remote", "local:/srv/notes");

    assertThat(java).contains(cache("cloudsync.aot")).doesNotContain(cache("cloudsync-cloud.aot"));
    assertThat(java).doesNotContain("-XX:CompileThresholdScaling=0.2");
    assertThat(java).as("the local cache's profiles compiled early").contains(EAGER);
    assertThat(java.subList(java.size() - 4, java.size()))
        .containsExactly("sync", "notes", "--remote", "local:/srv/notes");
  }

  @Test
  void runNamingACloudRemoteTakesTheCloudCache() throws Exception {
    List<List<String>> runs =
        List.of(
            javaArguments(Map.of(), "sync", "notes", "--remote", "s3://bucket/notes"),
            javaArguments(Map.of(), "ls", "--remote=gs://bucket"),
            javaArguments(Map.of("CLOUDSYNC_REMOTE", "az://account/container"), "ls"));

    for (List<String> java : runs) {
      assertThat(java).contains(cache("cloudsync-cloud.aot"));
      assertThat(java).as("the cloud cache holds no profiles").doesNotContain(EAGER);
      if (java.contains("-XX:TieredStopAtLevel=1")) {
        assertThat(java).contains("-XX:CompileThresholdScaling=0.2");
      }
    }
  }

  @Test
  void cloudRunWithoutACloudCacheFallsBackToTheLocalOne() throws Exception {
    Files.delete(appHome.resolve("lib/cloudsync-cloud.aot"));

    List<String> java = javaArguments(Map.of(), "ls", "--remote", "s3://bucket");

    assertThat(java).contains(cache("cloudsync.aot"));
  }

  @Test
  void theJavaVersionIsReadFromTheReleaseFileWhereverTheLineIs() throws Exception {
    release(
        "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.1+8\"\nJAVA_VERSION=\"25.0.1\"");

    List<String> java = javaArguments(Map.of(), "sync", "notes");

    assertThat(java).contains(cache("cloudsync.aot"));
  }

  @Test
  void javaNewerThan25KeepsTheCacheWithoutTheExperimentalEagerCompilation() throws Exception {
    release("JAVA_VERSION=\"26\"\n");

    List<String> java = javaArguments(Map.of(), "sync", "notes");

    assertThat(java).contains(cache("cloudsync.aot"));
    assertThat(java).noneMatch(a -> a.contains("AOTCompileEagerly") || a.contains("Experimental"));
  }

  @Test
  void javaOlderThan21IsRefusedInOneLineNamingItsVersionAndFolder() throws Exception {
    for (String version : List.of("17.0.12", "1.8.0_292")) {
      release("JAVA_VERSION=\"" + version + "\"\n");

      Map.Entry<Integer, String> run = launch("sync", "notes");

      String major = version.substring(0, version.indexOf('.'));
      assertThat(run.getKey()).isEqualTo(1);
      assertThat(run.getValue())
          .isEqualTo(
              "cloudsync: needs Java 21 or newer, found Java "
                  + major
                  + " at "
                  + jdk
                  + "; set JAVA_HOME\n");
    }
  }

  @Test
  void java22To24RunsWithoutTheAotCache() throws Exception {
    release("JAVA_VERSION=\"22.0.2\"\n");

    List<String> java = javaArguments(Map.of(), "sync", "notes");

    assertThat(java).noneMatch(a -> a.startsWith("-XX:AOTCache="));
    assertThat(java.subList(java.size() - 2, java.size())).containsExactly("sync", "notes");
  }

  @Test
  void cloudRemoteNamedOnlyInCloudsyncYamlTakesTheCloudCache() throws Exception {
    for (String yaml :
        List.of(
            "remote: \"s3://bucket/notes\"\n",
            "# team settings\nremote: gs://bucket\nconflicts:\n  strategy: newer\n",
            "azure:\n  container: notes\n  account: acme\n",
            "performance:\n  transfers: 4\ns3:\n  bucket: notes\n  region: eu-west-1")) {
      Files.writeString(workDir.resolve("cloudsync.yaml"), yaml);

      assertThat(javaArguments(Map.of(), "sync")).as(yaml).contains(cache("cloudsync-cloud.aot"));
    }
  }

  @Test
  void localRemoteInCloudsyncYamlOrAFlagOrTheEnvironmentOverTheFileKeepsTheLocalCache()
      throws Exception {
    Files.writeString(
        workDir.resolve("cloudsync.yaml"), "s3:\n  region: eu-west-1\nremote: local:/srv/notes\n");
    assertThat(javaArguments(Map.of(), "sync")).contains(cache("cloudsync.aot"));

    Files.writeString(workDir.resolve("cloudsync.yaml"), "remote: s3://bucket\n");
    assertThat(javaArguments(Map.of(), "sync", "--remote", "local:/srv/notes"))
        .contains(cache("cloudsync.aot"));
    assertThat(javaArguments(Map.of("CLOUDSYNC_REMOTE", "local:/srv/notes"), "sync"))
        .contains(cache("cloudsync.aot"));
  }

  @Test
  void keyThatOnlyMentionsASchemeMakesNoCloudRun() throws Exception {
    List<String> java = javaArguments(Map.of(), "put", "notes/s3:x.txt", "x.txt");

    assertThat(java).contains(cache("cloudsync.aot"));
  }
}

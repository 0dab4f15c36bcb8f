package io.cloudsync.testkit.azurite;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Azurite as pinned by the repository's {@code testkit/azurite/package.json} and its lock file,
 * installed with {@code npm ci} into {@code testkit/azurite/node_modules} on first use. The install
 * is redone when the lock file changes, and serialised across JVMs by a file lock.
 */
record AzuriteInstallation(Path directory, Path node) {

  /** Overrides where the folder holding {@code package.json} is (default: found from the cwd). */
  static final String DIRECTORY_PROPERTY = "cloudsync.azurite.dir";

  private static final String RELATIVE_DIRECTORY = "testkit/azurite";
  private static final String STAMP = ".cloudsync-lock-sha256";
  private static final long INSTALL_TIMEOUT_MINUTES = 10;
  private static final Object JVM_LOCK = new Object();

  /** The script that runs the blob service alone. */
  Path blobMain() {
    return directory.resolve("node_modules/azurite/dist/src/blob/main.js");
  }

  /**
   * Finds node, npm and the package folder, and runs {@code npm ci} unless the installed tree
   * matches the lock file.
   *
   * @throws IllegalStateException naming what is missing or what failed
   */
  static AzuriteInstallation ensureInstalled() {
    return ensureInstalled(System.getenv("PATH"));
  }

  /** As {@link #ensureInstalled()}, looking for node and npm on {@code searchPath}. */
  static AzuriteInstallation ensureInstalled(String searchPath) {
    Path directory = findDirectory();
    Path node =
        onPath("node", searchPath)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Azurite tests need Node.js: 'node' is not on the PATH. Install Node.js 18"
                            + " or 20 with npm (for example: apt-get install nodejs npm)."));
    AzuriteInstallation installation = new AzuriteInstallation(directory, node);
    synchronized (JVM_LOCK) {
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve(".npm-install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (!installation.isCurrent()) {
          installation.install(searchPath);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock Azurite's install folder " + directory, e);
      }
    }
    return installation;
  }

  private boolean isCurrent() throws IOException {
    Path stamp = directory.resolve("node_modules").resolve(STAMP);
    return Files.isRegularFile(blobMain())
        && Files.isRegularFile(stamp)
        && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(lockHash());
  }

  private void install(String searchPath) throws IOException {
    Path npm =
        onPath("npm", searchPath)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Azurite tests need npm to install Azurite: 'npm' is not on the PATH."
                            + " Install it (for example: apt-get install npm)."));
    Path log = Files.createTempFile("azurite-npm-ci-", ".log");
    try {
      Process process =
          new ProcessBuilder(
                  List.of(
                      npm.toString(),
                      "ci",
                      "--no-audit",
                      "--no-fund",
                      "--loglevel=error",
                      "--omit=dev"))
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "npm ci for Azurite did not finish within " + INSTALL_TIMEOUT_MINUTES + " minutes");
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(blobMain())) {
        String output = Files.readString(log, StandardCharsets.UTF_8).strip();
        throw new IllegalStateException(
            "npm ci for Azurite failed in "
                + directory
                + " (exit "
                + process.exitValue()
                + "): "
                + output.substring(Math.max(0, output.length() - 2000)));
      }
      Files.writeString(directory.resolve("node_modules").resolve(STAMP), lockHash());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing Azurite", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private String lockHash() throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(Files.readAllBytes(directory.resolve("package-lock.json"))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Path findDirectory() {
    String override = System.getProperty(DIRECTORY_PROPERTY);
    if (override != null && !override.isBlank()) {
      Path dir = Path.of(override).toAbsolutePath();
      if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
        throw new IllegalStateException(
            DIRECTORY_PROPERTY + "=" + override + " holds no package-lock.json for Azurite");
      }
      return dir;
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_DIRECTORY);
      if (Files.isRegularFile(candidate.resolve("package.json"))
          && Files.isRegularFile(candidate.resolve("package-lock.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find "
            + RELATIVE_DIRECTORY
            + "/package.json and package-lock.json above "
            + start
            + "; run the tests inside the cloudsync repository or set -D"
            + DIRECTORY_PROPERTY);
  }

  /** The executable {@code name} in one of the folders of {@code path}, if any. */
  static Optional<Path> onPath(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path candidate = Path.of(entry).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

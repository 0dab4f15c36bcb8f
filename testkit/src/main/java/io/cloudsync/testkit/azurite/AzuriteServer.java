package io.cloudsync.testkit.azurite;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One running Azurite blob service: a {@code node} child process listening on a free port of
 * 127.0.0.1, with in-memory storage. Start it with {@link #start()}, stop it with {@link #close()};
 * a shutdown hook stops it too if the JVM ends first.
 */
public final class AzuriteServer implements AutoCloseable {

  /** The well-known development account every Azurite serves. */
  public static final String ACCOUNT = "devstoreaccount1";

  /** The published key of {@link #ACCOUNT}: a documented constant, not a secret. */
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread shutdownHook;

  private AzuriteServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.shutdownHook = new Thread(this::stopProcess, "azurite-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Installs Azurite if needed and starts it on a free port.
   *
   * @throws IllegalStateException when node or npm is missing, the install fails, or the server
   *     does not answer in time; the message says which
   */
  public static AzuriteServer start() {
    AzuriteInstallation installation = AzuriteInstallation.ensureInstalled();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return launch(installation);
      } catch (IllegalStateException e) {
        // Another process may have taken the free port between probing and binding: try again.
        last = e;
      }
    }
    throw requireNonNull(last);
  }

  private static AzuriteServer launch(AzuriteInstallation installation) {
    int port = freePort();
    Path log;
    try {
      log = Files.createTempFile("azurite-" + port + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Azurite's log file", e);
    }
    List<String> command =
        List.of(
            installation.node().toString(),
            installation.blobMain().toString(),
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            Integer.toString(port),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--loose",
            "--disableTelemetry",
            "--silent");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(installation.directory().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Azurite with " + command.get(0), e);
    }
    AzuriteServer server = new AzuriteServer(process, port, log);
    try {
      server.awaitReady();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Azurite exited with status "
                + process.exitValue()
                + " before answering: "
                + logTail());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException(
        "Azurite did not answer on 127.0.0.1:"
            + port
            + " within "
            + READY_TIMEOUT
            + ": "
            + logTail());
  }

  private String logTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no output)";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Azurite", e);
    }
  }

  /** The port the blob service listens on. */
  public int port() {
    return port;
  }

  /** The process id of the node process serving blobs. */
  public long pid() {
    return process.pid();
  }

  /** Whether the node process is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** {@code http://127.0.0.1:<port>/devstoreaccount1}: the account's blob endpoint. */
  public String blobEndpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /** A connection string for {@link #ACCOUNT} on this server. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + ACCOUNT_KEY
        + ";BlobEndpoint="
        + blobEndpoint()
        + ";";
  }

  /** The server's console output, for diagnosing a failed test. */
  public Optional<Path> logFile() {
    return Optional.of(log);
  }

  /** Stops the node process (and anything it started) and waits for it to end. */
  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: nothing to remove.
    }
  }

  private void stopProcess() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // A leftover log in the temp folder is harmless.
    }
  }

  @Override
  public String toString() {
    return "Azurite on " + blobEndpoint();
  }
}

package io.cloudsync.testkit.azurite;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs Azurite's blob service for a test class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
 * }</pre>
 *
 * <p>The server starts before the first test of the class, on a free port of 127.0.0.1, and its
 * node process is stopped after the last one, whatever happened (and by a shutdown hook should the
 * JVM end first). {@link #shared()} gives one server for the whole JVM instead, stopped when the
 * JVM exits. Azurite is installed with {@code npm ci} on first use; where node or npm is missing
 * the tests fail with a message saying so.
 */
public final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {

  private static final Object SHARED_LOCK = new Object();
  private static AzuriteExtension shared;

  private final boolean perClass;
  private AzuriteServer server;

  /** A server for one test class, stopped after it. */
  public AzuriteExtension() {
    this(true);
  }

  private AzuriteExtension(boolean perClass) {
    this.perClass = perClass;
  }

  /** The one server of this JVM, started on first use and stopped when the JVM exits. */
  public static AzuriteExtension shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        shared = new AzuriteExtension(false);
      }
      return shared;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass) {
      stop();
    }
  }

  /** Starts the server unless it runs already; for use outside JUnit too. */
  public synchronized AzuriteServer start() {
    if (server == null || !server.isRunning()) {
      server = AzuriteServer.start();
    }
    return server;
  }

  /** Stops the server if it runs. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } finally {
        server = null;
      }
    }
  }

  /** The running server. */
  public synchronized AzuriteServer server() {
    if (server == null) {
      throw new IllegalStateException("Azurite is not running: register the extension first");
    }
    return server;
  }

  /** A connection string for the development account on the running server. */
  public String connectionString() {
    return server().connectionString();
  }

  /** The running server's blob endpoint, {@code http://127.0.0.1:<port>/devstoreaccount1}. */
  public String blobEndpoint() {
    return server().blobEndpoint();
  }

  /** The development account's name. */
  public String accountName() {
    return AzuriteServer.ACCOUNT;
  }

  /** The development account's published key. */
  public String accountKey() {
    return AzuriteServer.ACCOUNT_KEY;
  }
}

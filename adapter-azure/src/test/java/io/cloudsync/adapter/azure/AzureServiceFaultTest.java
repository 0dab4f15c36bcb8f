package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling and server errors, which Azurite never produces: a local HTTP server answers every
 * request with the status and error code under test, and the SDK retries before giving up.
 */
class AzureServiceFaultTest {

  private static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status;
  private volatile String code;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
                      + code
                      + "</Code><Message>fault under test</Message></Error>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("x-ms-error-code", code);
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          exchange.sendResponseHeaders(
              status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
          if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private StorageBackend backend() {
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/devstoreaccount1";
    return AzuriteBackends.openRaw(
        "az://box/p?max-attempts=2",
        Map.of(),
        Map.of(
            AzureStorageProvider.CONNECTION_STRING_ENV,
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
                + KEY
                + ";BlobEndpoint="
                + endpoint
                + ";"));
  }

  @Test
  void serverBusyIsThrottledAfterTheRetries() {
    status = 503;
    code = "ServerBusy";
    try (StorageBackend backend = backend()) {
      assertThatThrownBy(() -> backend.list("").count())
          .isInstanceOf(ThrottledException.class)
          .hasMessage("az://box/p: throttled by the service (ServerBusy); retries exhausted");
    }
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void tooManyRequestsIsThrottled() {
    status = 429;
    code = "TooManyRequests";
    try (StorageBackend backend = backend()) {
      assertThatThrownBy(() -> backend.read(ObjectKey.of("a.txt")))
          .isInstanceOf(ThrottledException.class)
          .hasMessageStartingWith("az://box/p/a.txt: throttled");
    }
  }

  @Test
  void anInternalErrorIsTransient() {
    status = 500;
    code = "InternalError";
    try (StorageBackend backend = backend()) {
      assertThatThrownBy(() -> backend.list("x/").count())
          .isInstanceOf(TransientStorageException.class)
          .hasMessage("az://box/p/x/: server error (InternalError)");
    }
    assertThat(requests.get()).isEqualTo(2);
  }
}

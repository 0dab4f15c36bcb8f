package io.cloudsync.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AzuriteServerTest {

  @Test
  void startsOnAFreePortAnswersAndIsGoneAfterClose() throws Exception {
    long pid;
    String endpoint;
    try (AzuriteServer server = AzuriteServer.start()) {
      pid = server.pid();
      endpoint = server.blobEndpoint();
      assertThat(server.isRunning()).isTrue();
      assertThat(endpoint).startsWith("http://127.0.0.1:").endsWith("/devstoreaccount1");
      assertThat(server.connectionString())
          .contains("AccountName=devstoreaccount1")
          .contains("BlobEndpoint=" + endpoint);
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(endpoint + "?comp=list"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      // Unsigned requests are refused: the server is up and checking credentials.
      assertThat(answer.statusCode()).isEqualTo(403);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("node process %d after close", pid)
        .isFalse();
  }

  @Test
  void twoServersGetTwoPorts() {
    try (AzuriteServer one = AzuriteServer.start();
        AzuriteServer two = AzuriteServer.start()) {
      assertThat(one.port()).isNotEqualTo(two.port());
    }
  }

  @Test
  void failsSayingSoWhenNodeIsMissing() {
    assertThatThrownBy(() -> AzuriteInstallation.ensureInstalled("/nonexistent-bin"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Azurite tests need Node.js: 'node' is not on the PATH.");
  }
}

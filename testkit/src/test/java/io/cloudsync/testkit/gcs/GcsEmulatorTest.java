package io.cloudsync.testkit.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator on the wire, request by request, against the shapes of Google's JSON API reference
 * (objects insert/get/list/delete/rewrite/patch, buckets insert/get/list, resumable uploads, status
 * codes). Raw HTTP, no client library: what a request looks like and what comes back.
 */
class GcsEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private GcsEmulator emulator;

  @BeforeEach
  void start() {
    emulator = GcsEmulator.start();
    emulator.createBucket("b");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder at(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery));
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private JsonNode insertMedia(String name, String content, String query) throws Exception {
    HttpResponse<byte[]> response =
        send(
            at("/upload/storage/v1/b/b/o?uploadType=media&name=" + name + query)
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(content)));
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response);
  }

  @Test
  void mediaInsertReturnsTheObjectResourceWithGenerationAndHashes() throws Exception {
    JsonNode object = insertMedia("a.txt", "hello", "");

    assertThat(object.get("kind").asText()).isEqualTo("storage#object");
    assertThat(object.get("bucket").asText()).isEqualTo("b");
    assertThat(object.get("name").asText()).isEqualTo("a.txt");
    assertThat(object.get("size").asText()).isEqualTo("5");
    assertThat(object.get("contentType").asText()).isEqualTo("text/plain");
    assertThat(object.get("metageneration").asText()).isEqualTo("1");
    assertThat(object.get("generation").asText()).matches("\\d+");
    assertThat(object.get("md5Hash").asText()).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
    assertThat(object.get("crc32c").asText()).isEqualTo("mnG7TA==");
    assertThat(object.get("id").asText()).isEqualTo("b/a.txt/" + object.get("generation").asText());
  }

  @Test
  void multipartInsertTakesMetadataFromTheJsonPartAndBytesFromTheMediaPart() throws Exception {
    String body =
        "--sep\r\n"
            + "Content-Type: application/json; charset=UTF-8\r\n\r\n"
            + "{\"name\":\"dir/m.txt\",\"metadata\":{\"k\":\"v\"},\"crc32c\":\"yZRlqg==\"}\r\n"
            + "--sep\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "hello world\r\n"
            + "--sep--";
    HttpResponse<byte[]> response =
        send(
            at("/upload/storage/v1/b/b/o?uploadType=multipart")
                .header("Content-Type", "multipart/related; boundary=sep")
                .POST(BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode object = json(response);
    assertThat(object.get("name").asText()).isEqualTo("dir/m.txt");
    assertThat(object.get("metadata").get("k").asText()).isEqualTo("v");
    assertThat(object.get("contentType").asText()).isEqualTo("text/plain");
    assertThat(object.get("md5Hash").asText()).isEqualTo("XrY7u+Ae7tCTyyK7j1rNww==");
    assertThat(emulator.content("b", "dir/m.txt"))
        .hasValueSatisfying(
            c -> assertThat(new String(c, StandardCharsets.UTF_8)).isEqualTo("hello world"));
  }

  @Test
  void multipartInsertWithAWrongChecksumIsRefusedAndStoresNothing() throws Exception {
    String body =
        "--sep\r\nContent-Type: application/json\r\n\r\n{\"name\":\"bad.txt\",\"crc32c\":\"AAAAAA==\"}"
            + "\r\n--sep\r\nContent-Type: text/plain\r\n\r\nhello world\r\n--sep--";
    HttpResponse<byte[]> response =
        send(
            at("/upload/storage/v1/b/b/o?uploadType=multipart")
                .header("Content-Type", "multipart/related; boundary=sep")
                .POST(BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/errors/0/reason").asText()).isEqualTo("invalid");
    assertThat(emulator.objectNames("b")).isEmpty();
  }

  @Test
  void resumableUploadAnswers308WithTheRangeUntilTheLastChunk() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    HttpResponse<byte[]> start =
        send(
            at("/upload/storage/v1/b/b/o?uploadType=resumable&name=big.bin")
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Upload-Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofString("{\"metadata\":{\"k\":\"v\"}}")));
    assertThat(start.statusCode()).isEqualTo(200);
    String session = start.headers().firstValue("Location").orElseThrow();
    assertThat(session).contains("upload_id=");

    HttpResponse<byte[]> first =
        send(
            HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes 0-262143/*")
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(content, 0, 262_144))));
    assertThat(first.statusCode()).isEqualTo(308);
    assertThat(first.headers().firstValue("Range")).contains("bytes=0-262143");

    HttpResponse<byte[]> status =
        send(
            HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes */*")
                .PUT(BodyPublishers.noBody()));
    assertThat(status.statusCode()).isEqualTo(308);
    assertThat(status.headers().firstValue("Range")).contains("bytes=0-262143");

    HttpResponse<byte[]> last =
        send(
            HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes 262144-299999/300000")
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(content, 262_144, 300_000))));
    assertThat(last.statusCode()).isEqualTo(200);
    JsonNode object = json(last);
    assertThat(object.get("size").asText()).isEqualTo("300000");
    assertThat(object.get("metadata").get("k").asText()).isEqualTo("v");
    assertThat(emulator.content("b", "big.bin")).contains(content);
  }

  @Test
  void mediaGetWithARangeAnswers206AndAnUnsatisfiableRange416() throws Exception {
    insertMedia("a.txt", "hello", "");

    HttpResponse<byte[]> partial =
        send(at("/storage/v1/b/b/o/a.txt?alt=media").header("Range", "bytes=2-4"));
    assertThat(partial.statusCode()).isEqualTo(206);
    assertThat(new String(partial.body(), StandardCharsets.UTF_8)).isEqualTo("llo");
    assertThat(partial.headers().firstValue("Content-Range")).contains("bytes 2-4/5");
    assertThat(partial.headers().firstValue("X-Goog-Hash"))
        .contains("crc32c=mnG7TA==,md5=XUFAKrxLKna5cZ2REBfFkg==");

    HttpResponse<byte[]> whole = send(at("/download/storage/v1/b/b/o/a.txt?alt=media"));
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(new String(whole.body(), StandardCharsets.UTF_8)).isEqualTo("hello");

    HttpResponse<byte[]> beyond =
        send(at("/storage/v1/b/b/o/a.txt?alt=media").header("Range", "bytes=10-"));
    assertThat(beyond.statusCode()).isEqualTo(416);
  }

  @Test
  void listPagesWithDelimiterCountPrefixesAndItemsTogether() throws Exception {
    for (String name : new String[] {"a/1", "a/2", "b/1", "c", "d"}) {
      emulator.plant("b", name, new byte[] {1});
    }

    JsonNode page1 = json(send(at("/storage/v1/b/b/o?delimiter=/&maxResults=2")));
    assertThat(page1.get("kind").asText()).isEqualTo("storage#objects");
    assertThat(page1.get("prefixes")).extracting(JsonNode::asText).containsExactly("a/", "b/");
    assertThat(page1.has("items")).isFalse();
    String token = page1.get("nextPageToken").asText();

    JsonNode page2 =
        json(send(at("/storage/v1/b/b/o?delimiter=/&maxResults=2&pageToken=" + token)));
    assertThat(page2.get("items"))
        .extracting(i -> i.get("name").asText())
        .containsExactly("c", "d");
    assertThat(page2.has("nextPageToken")).isFalse();

    JsonNode underA = json(send(at("/storage/v1/b/b/o?prefix=a/")));
    assertThat(underA.get("items"))
        .extracting(i -> i.get("name").asText())
        .containsExactly("a/1", "a/2");
  }

  @Test
  void failedPreconditionsAnswer412InGooglesErrorShape() throws Exception {
    JsonNode first = insertMedia("p.txt", "one", "");
    String generation = first.get("generation").asText();

    HttpResponse<byte[]> exists =
        send(
            at("/upload/storage/v1/b/b/o?uploadType=media&name=p.txt&ifGenerationMatch=0")
                .POST(BodyPublishers.ofString("two")));
    assertThat(exists.statusCode()).isEqualTo(412);
    JsonNode error = json(exists).get("error");
    assertThat(error.get("code").asInt()).isEqualTo(412);
    assertThat(error.get("message").asText())
        .isEqualTo("At least one of the pre-conditions you specified did not hold.");
    assertThat(error.at("/errors/0/reason").asText()).isEqualTo("conditionNotMet");
    assertThat(error.at("/errors/0/domain").asText()).isEqualTo("global");

    JsonNode second = insertMedia("p.txt", "two", "&ifGenerationMatch=" + generation);
    assertThat(second.get("generation").asText()).isNotEqualTo(generation);

    assertThat(send(at("/storage/v1/b/b/o/p.txt?ifMetagenerationMatch=2")).statusCode())
        .isEqualTo(412);
    assertThat(
            send(at("/storage/v1/b/b/o/p.txt?ifGenerationNotMatch="
                        + second.get("generation").asText())
                    .DELETE())
                .statusCode())
        .isEqualTo(412);
    assertThat(
            send(at("/storage/v1/b/b/o/p.txt?ifGenerationMatch=" + generation).DELETE())
                .statusCode())
        .isEqualTo(412);
    assertThat(emulator.content("b", "p.txt"))
        .hasValueSatisfying(
            c -> assertThat(new String(c, StandardCharsets.UTF_8)).isEqualTo("two"));
    assertThat(send(at("/storage/v1/b/b/o/p.txt").DELETE()).statusCode()).isEqualTo(204);
  }

  @Test
  void missingObjectsAndBucketsAnswer404NotFound() throws Exception {
    HttpResponse<byte[]> object = send(at("/storage/v1/b/b/o/missing.txt"));
    assertThat(object.statusCode()).isEqualTo(404);
    assertThat(json(object).at("/error/message").asText())
        .isEqualTo("No such object: b/missing.txt");
    assertThat(json(object).at("/error/errors/0/reason").asText()).isEqualTo("notFound");

    HttpResponse<byte[]> bucket = send(at("/storage/v1/b/nope/o/x"));
    assertThat(bucket.statusCode()).isEqualTo(404);
    assertThat(json(bucket).at("/error/message").asText())
        .isEqualTo("The specified bucket does not exist.");
  }

  @Test
  void rewriteCopiesContentAndMetadataToANewGeneration() throws Exception {
    emulator.createBucket("b2");
    JsonNode source = insertMedia("s.txt", "hello", "");

    HttpResponse<byte[]> response =
        send(
            at("/storage/v1/b/b/o/s.txt/rewriteTo/b/b2/o/dir%2Fcopy.txt?ifGenerationMatch=0")
                .POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rewrite = json(response);
    assertThat(rewrite.get("kind").asText()).isEqualTo("storage#rewriteResponse");
    assertThat(rewrite.get("done").asBoolean()).isTrue();
    assertThat(rewrite.get("totalBytesRewritten").asText()).isEqualTo("5");
    assertThat(rewrite.at("/resource/name").asText()).isEqualTo("dir/copy.txt");
    assertThat(rewrite.at("/resource/bucket").asText()).isEqualTo("b2");
    assertThat(rewrite.at("/resource/md5Hash").asText()).isEqualTo(source.get("md5Hash").asText());
    assertThat(rewrite.at("/resource/contentType").asText()).isEqualTo("text/plain");
    assertThat(
            send(at("/storage/v1/b/b/o/s.txt/rewriteTo/b/b2/o/dir%2Fcopy.txt?ifGenerationMatch=0")
                    .POST(BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(412);
  }

  @Test
  void copyToReturnsTheNewObjectResource() throws Exception {
    insertMedia("s.txt", "hello", "");

    HttpResponse<byte[]> response =
        send(at("/storage/v1/b/b/o/s.txt/copyTo/b/b/o/c.txt").POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("kind").asText()).isEqualTo("storage#object");
    assertThat(json(response).get("name").asText()).isEqualTo("c.txt");
    assertThat(emulator.content("b", "c.txt"))
        .hasValueSatisfying(
            c -> assertThat(new String(c, StandardCharsets.UTF_8)).isEqualTo("hello"));
  }

  @Test
  void aResumableUploadChecksItsPreconditionWhenItCompletes() throws Exception {
    HttpResponse<byte[]> start =
        send(
            at("/upload/storage/v1/b/b/o?uploadType=resumable&name=r.txt&ifGenerationMatch=0")
                .POST(BodyPublishers.noBody()));
    String session = start.headers().firstValue("Location").orElseThrow();
    insertMedia("r.txt", "first", "");

    HttpResponse<byte[]> last =
        send(
            HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes 0-5/6")
                .PUT(BodyPublishers.ofString("second")));

    assertThat(last.statusCode()).isEqualTo(412);
    assertThat(json(last).at("/error/errors/0/reason").asText()).isEqualTo("conditionNotMet");
    assertThat(emulator.content("b", "r.txt"))
        .hasValueSatisfying(
            c -> assertThat(new String(c, StandardCharsets.UTF_8)).isEqualTo("first"));
  }

  @Test
  void patchMergesMetadataAndRaisesTheMetagenerationOnly() throws Exception {
    JsonNode before = insertMedia("m.txt", "x", "");
    send(
        at("/storage/v1/b/b/o/m.txt")
            .header("Content-Type", "application/json")
            .method("PATCH", BodyPublishers.ofString("{\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}")));

    HttpResponse<byte[]> response =
        send(
            at("/storage/v1/b/b/o/m.txt?ifMetagenerationMatch=2")
                .header("Content-Type", "application/json")
                .method(
                    "PATCH", BodyPublishers.ofString("{\"metadata\":{\"a\":\"3\",\"b\":null}}")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode after = json(response);
    assertThat(after.get("metageneration").asText()).isEqualTo("3");
    assertThat(after.get("generation").asText()).isEqualTo(before.get("generation").asText());
    assertThat(after.get("metadata").properties()).hasSize(1);
    assertThat(after.at("/metadata/a").asText()).isEqualTo("3");
  }

  @Test
  void bucketsAreCreatedOnceListedAndFetched() throws Exception {
    HttpResponse<byte[]> created =
        send(
            at("/storage/v1/b?project=p")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"fresh-bucket\"}")));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(json(created).get("kind").asText()).isEqualTo("storage#bucket");

    HttpResponse<byte[]> again =
        send(
            at("/storage/v1/b?project=p")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"fresh-bucket\"}")));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).at("/error/errors/0/reason").asText()).isEqualTo("conflict");

    assertThat(json(send(at("/storage/v1/b?project=p"))).get("items"))
        .extracting(i -> i.get("name").asText())
        .containsExactly("b", "fresh-bucket");
    assertThat(json(send(at("/storage/v1/b/fresh-bucket"))).get("name").asText())
        .isEqualTo("fresh-bucket");
  }

  @Test
  void plantedNamesAreStoredAndListedExactlyAsGiven() throws Exception {
    emulator.plant("b", "../escape.txt", new byte[] {1});
    emulator.plant("b", "a//b", new byte[] {2});

    JsonNode list = json(send(at("/storage/v1/b/b/o")));

    assertThat(list.get("items"))
        .extracting(i -> i.get("name").asText())
        .containsExactly("../escape.txt", "a//b");
    assertThat(send(at("/storage/v1/b/b/o/..%2Fescape.txt?alt=media")).body()).containsExactly(1);
  }

  @Test
  void unknownRequestsAnswer501WithAJsonError() throws Exception {
    HttpResponse<byte[]> response = send(at("/storage/v1/b/b/notificationConfigs"));

    assertThat(response.statusCode()).isEqualTo(501);
    assertThat(json(response).at("/error/errors/0/reason").asText()).isEqualTo("notImplemented");
    assertThat(json(response).at("/error/message").asText())
        .contains("GET /storage/v1/b/b/notificationConfigs");
  }

  @Test
  void injectedFailuresAnswerWithTheirStatusThenServiceResumes() throws Exception {
    emulator.failNext(503, 1);

    HttpResponse<byte[]> failed = send(at("/storage/v1/b/b"));
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(json(failed).at("/error/errors/0/reason").asText()).isEqualTo("backendError");
    assertThat(send(at("/storage/v1/b/b")).statusCode()).isEqualTo(200);
  }
}

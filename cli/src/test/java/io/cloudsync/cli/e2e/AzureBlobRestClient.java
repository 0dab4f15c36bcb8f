package io.cloudsync.cli.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client of the Blob service's REST API that shares no code with the adapter: plain {@code
 * java.net.http} and a SharedKey signature computed here. The end-to-end tests use it to see what
 * really landed in a container, and to change a blob behind the CLI's back.
 */
final class AzureBlobRestClient {
  private static final String VERSION = "2020-10-02";
  private static final Pattern BLOB =
      Pattern.compile(
          "<Blob>.*?<Name>(.*?)</Name>.*?<Content-Length>(\\d+)</Content-Length>.*?</Blob>",
          Pattern.DOTALL);

  private final String endpoint;
  private final String account;
  private final byte[] key;
  private final HttpClient http = HttpClient.newHttpClient();

  AzureBlobRestClient(String endpoint, String account, String base64Key) {
    this.endpoint = endpoint;
    this.account = account;
    this.key = Base64.getDecoder().decode(base64Key);
  }

  /** Every blob of {@code container} (first 5,000), name to size. */
  Map<String, Long> list(String container) throws IOException, InterruptedException {
    String query = "?restype=container&comp=list";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint + "/" + container + query)).GET();
    String body =
        send(
            request,
            "GET",
            "/" + container,
            Map.of("comp", "list", "restype", "container"),
            0,
            Map.of());
    Map<String, Long> blobs = new TreeMap<>();
    Matcher m = BLOB.matcher(body);
    while (m.find()) {
      blobs.put(unescape(m.group(1)), Long.parseLong(m.group(2)));
    }
    return blobs;
  }

  /** Replaces {@code name} with {@code content}, as any other tool would (no metadata). */
  void put(String container, String name, byte[] content) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint + "/" + container + "/" + encode(name)))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    send(
        request,
        "PUT",
        "/" + container + "/" + encode(name),
        Map.of(),
        content.length,
        Map.of("x-ms-blob-type", "BlockBlob"));
  }

  private String send(
      HttpRequest.Builder request,
      String verb,
      String path,
      Map<String, String> query,
      long length,
      Map<String, String> extraHeaders)
      throws IOException, InterruptedException {
    Map<String, String> headers = new TreeMap<>(extraHeaders);
    headers.put(
        "x-ms-date",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    headers.put("x-ms-version", VERSION);
    StringBuilder canonical = new StringBuilder();
    headers.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
    // Path-style (emulator) URLs carry the account in the path, and the resource names it again.
    StringBuilder resource =
        new StringBuilder("/" + account + URI.create(endpoint).getRawPath() + path);
    new TreeMap<>(query).forEach((k, v) -> resource.append('\n').append(k).append(':').append(v));
    String toSign =
        verb + "\n\n\n" + (length > 0 ? length : "") + "\n\n\n\n\n\n\n\n\n" + canonical + resource;
    headers.forEach(request::header);
    request.header("Authorization", "SharedKey " + account + ":" + sign(toSign));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          verb + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static String unescape(String xml) {
    return xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}

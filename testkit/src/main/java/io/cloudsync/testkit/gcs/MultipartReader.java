package io.cloudsync.testkit.gcs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@code multipart/related} body (RFC 2387) as a stream: each part's bytes go to an output
 * as they arrive, so a large media part is never held whole.
 */
final class MultipartReader {
  private final InputStream in;
  private final byte[] delimiter;
  private boolean finished;

  MultipartReader(InputStream body, String boundary) throws IOException {
    // The first boundary is not preceded by CRLF; prepend one so every delimiter looks alike.
    this.in =
        new BufferedInputStream(
            new SequenceInputStream(
                new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)), body),
            1 << 16);
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    readBody(OutputStream.nullOutputStream());
  }

  /** The boundary parameter of a {@code multipart/related} content type. */
  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
      throw GcsError.invalid(
          "uploadType=multipart needs Content-Type multipart/related, got " + contentType);
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = p.substring("boundary=".length());
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    throw GcsError.invalid("multipart/related Content-Type without a boundary");
  }

  /** Whether another part follows. */
  boolean hasNextPart() {
    return !finished;
  }

  /** The headers of the next part, names lower-cased. */
  Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new TreeMap<>();
    while (true) {
      String line = readLine();
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
  }

  /** Copies the current part's bytes to {@code out}, up to the next delimiter. */
  void readBody(OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw GcsError.invalid("multipart body ends before its closing boundary");
      }
      if (b == (delimiter[matched] & 0xff)) {
        matched++;
        if (matched == delimiter.length) {
          break;
        }
        continue;
      }
      if (matched > 0) {
        buffered.write(delimiter, 0, matched);
        matched = 0;
        if (b == (delimiter[0] & 0xff)) {
          matched = 1;
          continue;
        }
      }
      buffered.write(b);
    }
    buffered.flush();
    int first = in.read();
    int second = in.read();
    if (first == '-' && second == '-') {
      finished = true;
    } else if (first == '\r' && second == '\n') {
      finished = false;
    } else {
      // Transport padding after a boundary: skip the rest of the line.
      finished = false;
      while (second >= 0 && second != '\n') {
        second = in.read();
      }
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    if (b < 0) {
      throw GcsError.invalid("multipart body ends inside a part's headers");
    }
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}

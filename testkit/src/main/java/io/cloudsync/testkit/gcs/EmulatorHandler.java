package io.cloudsync.testkit.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Routes JSON API requests to the {@link ObjectStore}; see {@link GcsEmulator} for the surface. */
final class EmulatorHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

  private final ObjectStore store;
  private final Path folder;
  private final PrintStream log;
  private final Map<String, ResumableSession> sessions = new ConcurrentHashMap<>();
  private final List<String> requestLog = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus;

  EmulatorHandler(ObjectStore store, Path folder, PrintStream log) {
    this.store = store;
    this.folder = folder;
    this.log = log;
  }

  List<String> requestLog() {
    return List.copyOf(requestLog);
  }

  void failNext(int status, int count) {
    failureStatus = status;
    failuresLeft.set(count);
  }

  /** A parsed request. */
  private record Request(
      HttpExchange exchange,
      String method,
      String area,
      List<String> segments,
      Map<String, String> query,
      String baseUrl) {

    String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    Optional<String> param(String name) {
      return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    InputStream body() throws IOException {
      InputStream in = exchange.getRequestBody();
      String encoding = header("Content-Encoding");
      return encoding != null && encoding.equalsIgnoreCase("gzip") ? new GZIPInputStream(in) : in;
    }

    JsonNode jsonBody() throws IOException {
      byte[] bytes;
      try (InputStream in = body()) {
        bytes = in.readAllBytes();
      }
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      try {
        JsonNode node = JSON.readTree(bytes);
        if (!node.isObject()) {
          throw GcsError.invalid("The request body is not a JSON object.");
        }
        return node;
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw GcsError.invalid("Parse Error: the request body is not valid JSON.");
      }
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rawPath = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      requestLog.add(
          exchange.getRequestMethod() + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
      try {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          drain(exchange);
          throw injected(failureStatus);
        }
        route(parse(exchange, rawPath, rawQuery));
      } catch (GcsError e) {
        if (e.code() == 501) {
          log.println("gcs-emulator: 501 " + e.getMessage());
        }
        drain(exchange);
        sendJson(exchange, e.code(), e.toJson(), Map.of());
      } catch (RuntimeException e) {
        log.println("gcs-emulator: 500 " + e);
        drain(exchange);
        GcsError error = new GcsError(500, "backendError", "Internal error: " + e);
        sendJson(exchange, 500, error.toJson(), Map.of());
      }
    }
  }

  private static GcsError injected(int status) {
    return switch (status) {
      case 401 -> new GcsError(401, "required", "Login Required.");
      case 403 ->
          new GcsError(
              403,
              "forbidden",
              "The caller does not have permission to access the Google Cloud Storage resource.");
      case 429 -> new GcsError(429, "rateLimitExceeded", "The rate of requests is too high.");
      case 503 -> new GcsError(503, "backendError", "Backend Error");
      default -> new GcsError(status, "backendError", "Injected failure " + status);
    };
  }

  private static Request parse(HttpExchange exchange, String rawPath, String rawQuery) {
    String area;
    String rest;
    if (rawPath.startsWith("/storage/v1/")) {
      area = "storage";
      rest = rawPath.substring("/storage/v1/".length());
    } else if (rawPath.startsWith("/upload/storage/v1/")) {
      area = "upload";
      rest = rawPath.substring("/upload/storage/v1/".length());
    } else if (rawPath.startsWith("/download/storage/v1/")) {
      area = "download";
      rest = rawPath.substring("/download/storage/v1/".length());
    } else {
      throw GcsError.notImplemented(exchange.getRequestMethod() + " " + rawPath);
    }
    List<String> segments = new ArrayList<>(List.of(rest.split("/", -1)));
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.putIfAbsent(name, value);
      }
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) {
      host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
    }
    return new Request(
        exchange, exchange.getRequestMethod(), area, segments, query, "http://" + host);
  }

  private void route(Request r) throws IOException {
    List<String> s = r.segments();
    String method = r.method();
    if (s.isEmpty() || !s.get(0).equals("b")) {
      throw unknown(r);
    }
    if (r.area().equals("upload")) {
      if (s.size() == 3 && s.get(2).equals("o")) {
        String bucket = decode(s.get(1));
        switch (method) {
          case "POST" -> upload(r, bucket);
          case "PUT" -> resumablePut(r);
          case "DELETE" -> resumableCancel(r);
          default -> throw unknown(r);
        }
        return;
      }
      throw unknown(r);
    }
    if (s.size() == 1) {
      switch (method) {
        case "GET" -> listBuckets(r);
        case "POST" -> insertBucket(r);
        default -> throw unknown(r);
      }
      return;
    }
    String bucket = decode(s.get(1));
    if (s.size() == 2) {
      switch (method) {
        case "GET" ->
            sendJson(r.exchange(), 200, bucketResource(r, store.bucket(bucket)), Map.of());
        case "DELETE" -> {
          store.deleteBucket(bucket);
          sendEmpty(r.exchange(), 204, Map.of());
        }
        default -> throw unknown(r);
      }
      return;
    }
    if (!s.get(2).equals("o")) {
      throw unknown(r);
    }
    if (s.size() == 3) {
      switch (method) {
        case "GET" -> listObjects(r, bucket);
        case "POST" -> insertMetadataOnly(r, bucket);
        default -> throw unknown(r);
      }
      return;
    }
    int verb = indexOfVerb(s);
    String object = decode(String.join("/", s.subList(3, verb < 0 ? s.size() : verb)));
    if (verb < 0) {
      switch (method) {
        case "GET" -> getObject(r, bucket, object);
        case "DELETE" -> deleteObject(r, bucket, object);
        case "PATCH" -> patchObject(r, bucket, object, false);
        case "PUT" -> patchObject(r, bucket, object, true);
        default -> throw unknown(r);
      }
      return;
    }
    List<String> target = s.subList(verb + 1, s.size());
    if (method.equals("POST")
        && target.size() >= 4
        && target.get(0).equals("b")
        && target.get(2).equals("o")) {
      String targetBucket = decode(target.get(1));
      String targetObject = decode(String.join("/", target.subList(3, target.size())));
      copy(r, bucket, object, targetBucket, targetObject, s.get(verb).equals("rewriteTo"));
      return;
    }
    throw unknown(r);
  }

  private static int indexOfVerb(List<String> s) {
    for (int i = 4; i < s.size(); i++) {
      if (s.get(i).equals("rewriteTo") || s.get(i).equals("copyTo")) {
        return i;
      }
    }
    return -1;
  }

  private static GcsError unknown(Request r) {
    String query = r.exchange().getRequestURI().getRawQuery();
    return GcsError.notImplemented(
        r.method()
            + " "
            + r.exchange().getRequestURI().getRawPath()
            + (query == null ? "" : "?" + query));
  }

  // ---------------------------------------------------------------- buckets

  private void listBuckets(Request r) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("kind", "storage#buckets");
    ArrayNode items = body.putArray("items");
    String prefix = r.param("prefix").orElse("");
    for (ObjectStore.Bucket bucket : store.buckets()) {
      if (bucket.name.startsWith(prefix)) {
        items.add(bucketResource(r, bucket));
      }
    }
    sendJson(r.exchange(), 200, body, Map.of());
  }

  private void insertBucket(Request r) throws IOException {
    JsonNode body = r.jsonBody();
    if (r.param("project").isEmpty()) {
      throw GcsError.required("Required parameter: project");
    }
    String name = body.path("name").asText("");
    if (name.isEmpty()) {
      throw GcsError.required("Required");
    }
    if (!BUCKET_NAME.matcher(name).matches() || name.length() > 222) {
      throw GcsError.invalid("Invalid bucket name: '" + name + "'");
    }
    if (!store.createBucket(name)) {
      throw new GcsError(
          409,
          "conflict",
          "Your previous request to create the named bucket succeeded and you already own it.");
    }
    sendJson(r.exchange(), 200, bucketResource(r, store.bucket(name)), Map.of());
  }

  private static ObjectNode bucketResource(Request r, ObjectStore.Bucket bucket) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", "storage#bucket");
    node.put("selfLink", r.baseUrl() + "/storage/v1/b/" + encode(bucket.name));
    node.put("id", bucket.name);
    node.put("name", bucket.name);
    node.put("projectNumber", "0");
    node.put("metageneration", "1");
    node.put("location", "US");
    node.put("storageClass", "STANDARD");
    node.put("etag", "CAE=");
    node.put("timeCreated", time(bucket.created));
    node.put("updated", time(bucket.created));
    node.put("locationType", "multi-region");
    return node;
  }

  // ---------------------------------------------------------------- objects: read side

  private void listObjects(Request r, String bucket) throws IOException {
    int maxResults =
        Preconditions.number(r.query(), "maxResults")
            .map(n -> (int) Math.max(1, Math.min(n, 1000)))
            .orElse(1000);
    ObjectStore.Page page =
        store.list(
            bucket,
            r.param("prefix").orElse(""),
            r.param("delimiter"),
            r.param("pageToken"),
            maxResults,
            r.param("startOffset"),
            r.param("endOffset"));
    ObjectNode body = JSON.createObjectNode();
    body.put("kind", "storage#objects");
    page.nextToken().ifPresent(t -> body.put("nextPageToken", t));
    if (!page.prefixes().isEmpty()) {
      ArrayNode prefixes = body.putArray("prefixes");
      page.prefixes().forEach(prefixes::add);
    }
    if (!page.items().isEmpty()) {
      ArrayNode items = body.putArray("items");
      for (StoredObject object : page.items()) {
        items.add(objectResource(r, object));
      }
    }
    sendJson(r.exchange(), 200, body, Map.of());
  }

  private StoredObject live(Request r, String bucket, String object) {
    StoredObject found = store.get(bucket, object, Preconditions.from(r.query()));
    Optional<Long> generation = Preconditions.number(r.query(), "generation");
    if (generation.isPresent() && generation.get() != found.generation()) {
      throw GcsError.noSuchObject(bucket, object);
    }
    return found;
  }

  private void getObject(Request r, String bucket, String object) throws IOException {
    StoredObject found = live(r, bucket, object);
    boolean media = r.area().equals("download") || r.param("alt").orElse("json").equals("media");
    if (!media) {
      sendJson(r.exchange(), 200, objectResource(r, found), Map.of());
      return;
    }
    long size = found.content().size();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", found.contentType());
    headers.put("X-Goog-Generation", Long.toString(found.generation()));
    headers.put("X-Goog-Metageneration", Long.toString(found.metageneration()));
    headers.put("X-Goog-Stored-Content-Length", Long.toString(size));
    headers.put("X-Goog-Stored-Content-Encoding", "identity");
    headers.put(
        "X-Goog-Hash", "crc32c=" + found.content().crc32c() + ",md5=" + found.content().md5());
    headers.put("ETag", "\"" + etag(found) + "\"");
    headers.put("Accept-Ranges", "bytes");
    headers.put(
        "Last-Modified",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            found.updated().atZone(java.time.ZoneOffset.UTC)));
    String range = r.header("Range");
    long start = 0;
    long end = size - 1;
    int status = 200;
    if (range != null && size > 0) {
      Matcher m = RANGE.matcher(range.strip());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        if (m.group(1).isEmpty()) {
          long suffix = Long.parseLong(m.group(2));
          start = Math.max(0, size - suffix);
        } else {
          start = Long.parseLong(m.group(1));
          if (!m.group(2).isEmpty()) {
            end = Math.min(end, Long.parseLong(m.group(2)));
          }
        }
        if (start >= size || start > end) {
          r.exchange().getResponseHeaders().set("Content-Range", "bytes */" + size);
          throw new GcsError(416, "requestedRangeNotSatisfiable", "Request range not satisfiable");
        }
        status = 206;
        headers.put("Content-Range", "bytes " + start + "-" + end + "/" + size);
      }
    }
    long length = end - start + 1;
    HttpExchange exchange = r.exchange();
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length);
    try (InputStream in = found.content().open(start, length);
        OutputStream out = exchange.getResponseBody()) {
      in.transferTo(out);
    }
  }

  // ---------------------------------------------------------------- objects: write side

  private void deleteObject(Request r, String bucket, String object) throws IOException {
    live(r, bucket, object);
    store.delete(bucket, object, Preconditions.from(r.query()));
    sendEmpty(r.exchange(), 204, Map.of());
  }

  private void patchObject(Request r, String bucket, String object, boolean replace)
      throws IOException {
    JsonNode body = r.jsonBody();
    Optional<Long> generation = Preconditions.number(r.query(), "generation");
    StoredObject updated =
        store.update(
            bucket,
            object,
            Preconditions.from(r.query()),
            old -> {
              if (generation.isPresent() && generation.get() != old.generation()) {
                throw GcsError.noSuchObject(bucket, object);
              }
              Map<String, String> fields = replace ? new TreeMap<>() : new TreeMap<>(old.fields());
              Map<String, String> metadata =
                  replace ? new TreeMap<>() : new TreeMap<>(old.metadata());
              applyFields(body, fields, metadata);
              return old.withMetadata(fields, metadata, ObjectStore.now());
            });
    sendJson(r.exchange(), 200, objectResource(r, updated), Map.of());
  }

  /** Applies the writable fields of an object resource; a JSON null removes a field or key. */
  private static void applyFields(
      JsonNode body, Map<String, String> fields, Map<String, String> metadata) {
    for (String field : StoredObject.STANDARD_FIELDS) {
      JsonNode value = body.get(field);
      if (value == null) {
        continue;
      }
      if (value.isNull()) {
        fields.remove(field);
      } else {
        fields.put(field, value.asText());
      }
    }
    JsonNode meta = body.get("metadata");
    if (meta != null && meta.isNull()) {
      metadata.clear();
    } else if (meta != null && meta.isObject()) {
      meta.properties()
          .forEach(
              e -> {
                if (e.getValue().isNull()) {
                  metadata.remove(e.getKey());
                } else {
                  metadata.put(e.getKey(), e.getValue().asText());
                }
              });
    }
  }

  private void insertMetadataOnly(Request r, String bucket) throws IOException {
    JsonNode body = r.jsonBody();
    String name = validName(r.param("name").orElse(body.path("name").asText("")));
    Map<String, String> fields = new TreeMap<>();
    Map<String, String> metadata = new TreeMap<>();
    applyFields(body, fields, metadata);
    StoredContent empty = new ContentSink(folder).finish();
    StoredObject stored =
        store.put(bucket, name, fields, metadata, empty, Preconditions.from(r.query()));
    sendJson(r.exchange(), 200, objectResource(r, stored), Map.of());
  }

  private void upload(Request r, String bucket) throws IOException {
    String type = r.param("uploadType").orElse("");
    switch (type) {
      case "media" -> uploadMedia(r, bucket);
      case "multipart" -> uploadMultipart(r, bucket);
      case "resumable" -> startResumable(r, bucket);
      default -> throw GcsError.invalid("Upload requests must include an uploadType URL parameter");
    }
  }

  private void uploadMedia(Request r, String bucket) throws IOException {
    String name = validName(r.param("name").orElse(""));
    store.bucket(bucket);
    ContentSink sink = new ContentSink(folder);
    try (InputStream in = r.body()) {
      sink.transferFrom(in);
    } catch (IOException | RuntimeException e) {
      sink.abandon();
      throw e;
    }
    Map<String, String> fields = new TreeMap<>();
    String contentType = r.header("Content-Type");
    if (contentType != null) {
      fields.put("contentType", contentType);
    }
    StoredObject stored =
        store.put(bucket, name, fields, Map.of(), sink.finish(), Preconditions.from(r.query()));
    sendJson(r.exchange(), 200, objectResource(r, stored), Map.of());
  }

  private void uploadMultipart(Request r, String bucket) throws IOException {
    store.bucket(bucket);
    String boundary = MultipartReader.boundary(r.header("Content-Type"));
    ContentSink sink = new ContentSink(folder);
    JsonNode resource;
    String mediaType;
    try (InputStream in = r.body()) {
      MultipartReader reader = new MultipartReader(in, boundary);
      if (!reader.hasNextPart()) {
        throw GcsError.invalid("multipart body without parts");
      }
      reader.readHeaders();
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      reader.readBody(json);
      try {
        resource = JSON.readTree(json.toByteArray());
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw GcsError.invalid("Parse Error: the metadata part is not valid JSON.");
      }
      if (resource == null || !resource.isObject()) {
        throw GcsError.invalid("The metadata part is not a JSON object.");
      }
      if (!reader.hasNextPart()) {
        throw GcsError.invalid("multipart body without a media part");
      }
      mediaType = reader.readHeaders().get("content-type");
      reader.readBody(sink);
    } catch (IOException | RuntimeException e) {
      sink.abandon();
      throw e;
    }
    String name = validName(r.param("name").orElse(resource.path("name").asText("")));
    Map<String, String> fields = new TreeMap<>();
    Map<String, String> metadata = new TreeMap<>();
    applyFields(resource, fields, metadata);
    if (!fields.containsKey("contentType") && mediaType != null) {
      fields.put("contentType", mediaType);
    }
    StoredContent content = sink.finish();
    verifyHashes(
        content, resource.path("md5Hash").asText(null), resource.path("crc32c").asText(null));
    StoredObject stored =
        store.put(bucket, name, fields, metadata, content, Preconditions.from(r.query()));
    sendJson(r.exchange(), 200, objectResource(r, stored), Map.of());
  }

  private static void verifyHashes(StoredContent content, String md5, String crc32c) {
    if (md5 != null && !md5.equals(content.md5())) {
      content.discard();
      throw GcsError.invalid(
          "Provided MD5 hash \""
              + md5
              + "\" doesn't match calculated MD5 hash \""
              + content.md5()
              + "\".");
    }
    if (crc32c != null && !crc32c.equals(content.crc32c())) {
      content.discard();
      throw GcsError.invalid(
          "Provided CRC32C \""
              + crc32c
              + "\" doesn't match calculated CRC32C \""
              + content.crc32c()
              + "\".");
    }
  }

  // ---------------------------------------------------------------- resumable uploads

  /**
   * An upload session, per <a
   * href="https://cloud.google.com/storage/docs/performing-resumable-uploads">resumable
   * uploads</a>.
   */
  private final class ResumableSession {
    final String bucket;
    final String name;
    final Map<String, String> fields;
    final Map<String, String> metadata;
    final Preconditions conditions;
    final String md5;
    final String crc32c;
    final ContentSink sink = new ContentSink(folder);
    StoredObject result;

    ResumableSession(
        String bucket,
        String name,
        Map<String, String> fields,
        Map<String, String> metadata,
        Preconditions conditions,
        String md5,
        String crc32c) {
      this.bucket = bucket;
      this.name = name;
      this.fields = fields;
      this.metadata = metadata;
      this.conditions = conditions;
      this.md5 = md5;
      this.crc32c = crc32c;
    }
  }

  private void startResumable(Request r, String bucket) throws IOException {
    JsonNode resource = r.jsonBody();
    store.bucket(bucket);
    String name = validName(r.param("name").orElse(resource.path("name").asText("")));
    Map<String, String> fields = new TreeMap<>();
    Map<String, String> metadata = new TreeMap<>();
    applyFields(resource, fields, metadata);
    String contentType = r.header("X-Upload-Content-Type");
    if (!fields.containsKey("contentType") && contentType != null) {
      fields.put("contentType", contentType);
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    sessions.put(
        id,
        new ResumableSession(
            bucket,
            name,
            fields,
            metadata,
            Preconditions.from(r.query()),
            resource.path("md5Hash").asText(null),
            resource.path("crc32c").asText(null)));
    String location =
        r.baseUrl()
            + "/upload/storage/v1/b/"
            + encode(bucket)
            + "/o?uploadType=resumable&name="
            + encode(name)
            + "&upload_id="
            + id;
    sendEmpty(r.exchange(), 200, Map.of("Location", location, "X-GUploader-UploadID", id));
  }

  private ResumableSession session(Request r) {
    String id = r.param("upload_id").orElseThrow(() -> GcsError.invalid("Missing upload_id."));
    ResumableSession session = sessions.get(id);
    if (session == null) {
      throw new GcsError(404, "notFound", "No such upload session: " + id);
    }
    return session;
  }

  private void resumablePut(Request r) throws IOException {
    ResumableSession session = session(r);
    synchronized (session) {
      if (session.result != null) {
        drain(r.exchange());
        sendJson(r.exchange(), 200, objectResource(r, session.result), Map.of());
        return;
      }
      String header = r.header("Content-Range");
      long first = session.sink.size();
      Long total = null;
      long declared = -1;
      if (header != null) {
        Matcher m = CONTENT_RANGE.matcher(header.strip());
        if (!m.matches()) {
          throw GcsError.invalid("Invalid Content-Range header: " + header);
        }
        if (m.group(1) != null) {
          first = Long.parseLong(m.group(1));
          declared = Long.parseLong(m.group(2)) - first + 1;
        } else {
          declared = 0;
        }
        if (!m.group(3).equals("*")) {
          total = Long.parseLong(m.group(3));
        }
      }
      long received = session.sink.size();
      if (first > received) {
        throw GcsError.invalid(
            "Invalid request. There were "
                + received
                + " byte(s) persisted, but the Content-Range header starts at byte "
                + first
                + ".");
      }
      long bodyLength = 0;
      try (InputStream in = r.body()) {
        // Bytes before `received` were persisted by an earlier request: skip them.
        byte[] buffer = new byte[1 << 16];
        long position = first;
        int n;
        while ((n = in.read(buffer)) > 0) {
          int from = (int) Math.max(0, Math.min(n, received - position));
          if (from < n) {
            session.sink.write(buffer, from, n - from);
          }
          position += n;
          bodyLength += n;
        }
      }
      long persisted = session.sink.size();
      if (header == null) {
        total = persisted;
      } else if (declared >= 0 && bodyLength != declared) {
        throw GcsError.invalid(
            "Invalid request. The body held "
                + bodyLength
                + " byte(s), but the Content-Range header declared "
                + declared
                + ".");
      }
      if (total != null && persisted > total) {
        throw GcsError.invalid(
            "Invalid request. More bytes were sent than the declared total of " + total + ".");
      }
      if (total != null && persisted == total) {
        finish(r, session);
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (persisted > 0) {
        headers.put("Range", "bytes=0-" + (persisted - 1));
      }
      sendEmpty(r.exchange(), 308, headers);
    }
  }

  private void finish(Request r, ResumableSession session) throws IOException {
    String id = r.param("upload_id").orElseThrow();
    StoredContent content = session.sink.finish();
    try {
      String md5 = session.md5;
      String crc = session.crc32c;
      String hashHeader = r.header("X-Goog-Hash");
      if (hashHeader != null) {
        for (String part : hashHeader.split(",")) {
          String p = part.strip();
          if (p.startsWith("md5=")) {
            md5 = p.substring(4);
          } else if (p.startsWith("crc32c=")) {
            crc = p.substring(7);
          }
        }
      }
      verifyHashes(content, md5, crc);
      session.result =
          store.put(
              session.bucket,
              session.name,
              session.fields,
              session.metadata,
              content,
              session.conditions);
    } catch (GcsError e) {
      sessions.remove(id);
      throw e;
    }
    sendJson(r.exchange(), 200, objectResource(r, session.result), Map.of());
  }

  private void resumableCancel(Request r) throws IOException {
    String id = r.param("upload_id").orElseThrow(() -> GcsError.invalid("Missing upload_id."));
    ResumableSession session = sessions.remove(id);
    if (session == null) {
      throw new GcsError(404, "notFound", "No such upload session: " + id);
    }
    session.sink.abandon();
    drain(r.exchange());
    r.exchange().sendResponseHeaders(499, -1);
  }

  // ---------------------------------------------------------------- rewrite and copy

  private void copy(
      Request r,
      String sourceBucket,
      String sourceName,
      String targetBucket,
      String targetName,
      boolean rewrite)
      throws IOException {
    JsonNode body = r.jsonBody();
    StoredObject source = store.get(sourceBucket, sourceName, Preconditions.source(r.query()));
    Optional<Long> sourceGeneration = Preconditions.number(r.query(), "sourceGeneration");
    if (sourceGeneration.isPresent() && sourceGeneration.get() != source.generation()) {
      throw GcsError.noSuchObject(sourceBucket, sourceName);
    }
    validName(targetName);
    Map<String, String> fields;
    Map<String, String> metadata;
    boolean overrides =
        body.has("metadata") || StoredObject.STANDARD_FIELDS.stream().anyMatch(body::has);
    if (overrides) {
      fields = new TreeMap<>();
      metadata = new TreeMap<>();
      applyFields(body, fields, metadata);
    } else {
      fields = source.fields();
      metadata = source.metadata();
    }
    ContentSink sink = new ContentSink(folder);
    try (InputStream in = source.content().open()) {
      sink.transferFrom(in);
    } catch (IOException | RuntimeException e) {
      sink.abandon();
      throw e;
    }
    StoredObject stored =
        store.put(
            targetBucket,
            targetName,
            fields,
            metadata,
            sink.finish(),
            Preconditions.from(r.query()));
    if (!rewrite) {
      sendJson(r.exchange(), 200, objectResource(r, stored), Map.of());
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    response.put("kind", "storage#rewriteResponse");
    response.put("totalBytesRewritten", Long.toString(stored.content().size()));
    response.put("objectSize", Long.toString(stored.content().size()));
    response.put("done", true);
    response.set("resource", objectResource(r, stored));
    sendJson(r.exchange(), 200, response, Map.of());
  }

  // ---------------------------------------------------------------- rendering

  private static String validName(String name) {
    if (name.isEmpty()) {
      throw GcsError.required("Required parameter: name");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > 1024) {
      throw GcsError.invalid("The object name is longer than 1024 bytes.");
    }
    if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
      throw GcsError.invalid("Object names may not contain carriage return or line feed.");
    }
    if (name.equals(".") || name.equals("..")) {
      throw GcsError.invalid("The object name '" + name + "' is not allowed.");
    }
    return name;
  }

  static ObjectNode objectResource(Request r, StoredObject o) {
    return objectResource(r.baseUrl(), o);
  }

  static ObjectNode objectResource(String baseUrl, StoredObject o) {
    ObjectNode node = JSON.createObjectNode();
    String link = "/b/" + encode(o.bucket()) + "/o/" + encode(o.name());
    node.put("kind", "storage#object");
    node.put("id", o.bucket() + "/" + o.name() + "/" + o.generation());
    node.put("selfLink", baseUrl + "/storage/v1" + link);
    node.put(
        "mediaLink",
        baseUrl + "/download/storage/v1" + link + "?generation=" + o.generation() + "&alt=media");
    node.put("name", o.name());
    node.put("bucket", o.bucket());
    node.put("generation", Long.toString(o.generation()));
    node.put("metageneration", Long.toString(o.metageneration()));
    node.put("contentType", o.contentType());
    node.put("storageClass", o.fields().getOrDefault("storageClass", "STANDARD"));
    node.put("size", Long.toString(o.content().size()));
    node.put("md5Hash", o.content().md5());
    node.put("crc32c", o.content().crc32c());
    node.put("etag", etag(o));
    node.put("timeCreated", time(o.created()));
    node.put("updated", time(o.updated()));
    node.put("timeStorageClassUpdated", time(o.created()));
    node.put("timeFinalized", time(o.created()));
    for (String field : StoredObject.STANDARD_FIELDS) {
      if (!field.equals("contentType") && !field.equals("storageClass")) {
        String value = o.fields().get(field);
        if (value != null) {
          node.put(field, value);
        }
      }
    }
    if (!o.metadata().isEmpty()) {
      ObjectNode metadata = node.putObject("metadata");
      o.metadata().forEach(metadata::put);
    }
    return node;
  }

  private static String etag(StoredObject o) {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(
            (o.generation() + "/" + o.metageneration()).getBytes(StandardCharsets.US_ASCII));
  }

  private static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Percent-encodes a path segment ({@code /} included, space as {@code %20}). */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Decodes a path segment: {@code %XX} escapes as UTF-8, {@code +} stays a plus. */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        int value = i + 2 < segment.length() ? hex(segment.substring(i + 1, i + 3)) : -1;
        if (value < 0) {
          throw GcsError.invalid("Bad percent-escape in path: " + segment);
        }
        bytes.write(value);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void drain(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // Nothing to read or the client went away.
    }
  }

  private static void sendJson(
      HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendEmpty(HttpExchange exchange, int status, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, -1);
  }

  private static int hex(String digits) {
    try {
      return Integer.parseInt(digits, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

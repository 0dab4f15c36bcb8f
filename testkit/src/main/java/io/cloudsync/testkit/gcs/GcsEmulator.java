package io.cloudsync.testkit.gcs;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A Google Cloud Storage server in this process, speaking the JSON API v1 that the official clients
 * speak, for tests and for local development. No GCS emulator can be installed on the machines this
 * project builds on, so this one follows Google's published reference:
 *
 * <ul>
 *   <li>buckets: <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/buckets/insert">insert</a>, <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/buckets/get">get</a>, <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/buckets/list">list</a> (and delete
 *       of an empty bucket);
 *   <li>objects: <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/objects/insert">insert</a> with
 *       {@code uploadType=media}, {@code multipart} ({@code multipart/related}) and {@code
 *       resumable} (<a
 *       href="https://cloud.google.com/storage/docs/performing-resumable-uploads">resumable
 *       uploads</a>: a session URI in {@code Location}, chunks with {@code Content-Range}, {@code
 *       308} with {@code Range} until the last byte, status queries with {@code bytes *}{@code
 *       /*}); <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/get">get</a> (the
 *       resource, or {@code alt=media} with {@code Range} → {@code 206}); <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/objects/list">list</a> ({@code
 *       prefix}, {@code delimiter} with {@code prefixes}, {@code pageToken}, {@code maxResults},
 *       {@code nextPageToken}, {@code startOffset}, {@code endOffset}); <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/objects/delete">delete</a>; <a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/objects/rewrite">rewrite</a> and
 *       copy; <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/patch">patch</a>
 *       (and update) of metadata;
 *   <li>generations (new on every write) and metagenerations (new on every metadata change);
 *       preconditions {@code ifGenerationMatch} ({@code 0}: must not exist), {@code
 *       ifGenerationNotMatch}, {@code ifMetagenerationMatch}, {@code ifMetagenerationNotMatch} and
 *       their {@code ifSource…} forms on rewrite; {@code md5Hash} and {@code crc32c} (base64; the
 *       CRC32C big-endian), checked against hashes a client sends;
 *   <li>errors in Google's JSON shape (<a
 *       href="https://cloud.google.com/storage/docs/json_api/v1/status-codes">status codes</a>):
 *       {@code {"error":{"code":412,"message":"…","errors":[{"reason":"conditionNotMet",…}]}}}, 404
 *       {@code notFound} for a missing bucket ("The specified bucket does not exist.") or object
 *       ("No such object: bucket/name").
 * </ul>
 *
 * <p>Paths are served under {@code /storage/v1/}, {@code /upload/storage/v1/} and {@code
 * /download/storage/v1/}. Anything else is answered {@code 501} with a JSON error and logged, so a
 * gap shows at once. Authorization headers are accepted and ignored. Object names are stored
 * exactly as given; {@link #plant} stores names the API would refuse, so tests can plant hostile
 * ones such as {@code ../x}. Content up to 1 MiB is kept in memory, larger content in a private
 * temporary folder, removed by {@link #close()}.
 *
 * <p>Point the official client at it with {@code
 * StorageOptions.http().setHost(emulator.endpoint()).setCredentials(NoCredentials.getInstance())},
 * or set {@code STORAGE_EMULATOR_HOST}. Run it alone with {@code testkit/bin/gcs-emulator --port
 * N}.
 */
public final class GcsEmulator implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectStore store;
  private final EmulatorHandler handler;
  private final Path folder;

  private GcsEmulator(int port, PrintStream log) throws IOException {
    this.folder = Files.createTempDirectory("gcs-emulator-");
    this.store = new ObjectStore();
    this.handler = new EmulatorHandler(store, folder, log);
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "gcs-emulator");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  /** Starts an emulator on a free port of 127.0.0.1. */
  public static GcsEmulator start() {
    return start(0);
  }

  /**
   * Starts an emulator on {@code port} of 127.0.0.1 ({@code 0}: a free one).
   *
   * @throws UncheckedIOException when the port is taken
   */
  public static GcsEmulator start(int port) {
    try {
      return new GcsEmulator(port, System.err);
    } catch (IOException e) {
      throw new UncheckedIOException("gcs-emulator cannot listen on port " + port, e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Its base URL, {@code http://127.0.0.1:PORT}, for {@code setHost}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  /** The value for {@code STORAGE_EMULATOR_HOST}: {@code 127.0.0.1:PORT}. */
  public String hostAndPort() {
    return "127.0.0.1:" + port();
  }

  /** Creates a bucket; false when it exists already. */
  public boolean createBucket(String bucket) {
    return store.createBucket(bucket);
  }

  /**
   * Stores {@code bytes} under {@code rawName} exactly as given, bypassing the API's name checks
   * (for hostile names such as {@code ../x}). The bucket must exist.
   */
  public void plant(String bucket, String rawName, byte[] bytes) {
    ContentSink sink = new ContentSink(folder);
    try {
      sink.transferFrom(new ByteArrayInputStream(bytes));
      store.put(bucket, rawName, Map.of(), Map.of(), sink.finish(), Preconditions.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GcsError e) {
      throw new IllegalArgumentException(bucket + ": " + e.getMessage(), e);
    }
  }

  /** The names stored in {@code bucket}, sorted. */
  public List<String> objectNames(String bucket) {
    return List.copyOf(store.bucket(bucket).objects.keySet());
  }

  /** The content stored under {@code name}, if any (small objects: tests). */
  public Optional<byte[]> content(String bucket, String name) {
    return Optional.ofNullable(store.bucket(bucket).objects.get(name))
        .map(o -> o.content().readAll());
  }

  /** The user metadata of {@code name}, if it exists. */
  public Optional<Map<String, String>> metadata(String bucket, String name) {
    return Optional.ofNullable(store.bucket(bucket).objects.get(name)).map(StoredObject::metadata);
  }

  /** Every request served so far, as {@code METHOD /raw/path?rawquery}. */
  public List<String> requests() {
    return handler.requestLog();
  }

  /**
   * Answers the next {@code count} requests with {@code status} (401, 403, 429, 503, …) in Google's
   * error shape, to test how clients react.
   */
  public void failNext(int status, int count) {
    handler.failNext(status, count);
  }

  /** Stops serving and removes the stored content. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the folder lies in the system's temporary directory.
    }
  }

  /**
   * Runs the emulator in the foreground: {@code --port N} (default 4443), {@code --bucket NAME}
   * (repeatable) to create buckets at start. Stops on Ctrl-C.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 4443;
    List<String> buckets = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      boolean hasValue = i + 1 < args.length;
      if (arg.equals("--port") && hasValue) {
        try {
          port = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          usage("--port needs a number, got '" + args[i] + "'");
        }
      } else if (arg.startsWith("--port=")) {
        try {
          port = Integer.parseInt(arg.substring("--port=".length()));
        } catch (NumberFormatException e) {
          usage("--port needs a number, got '" + arg + "'");
        }
      } else if (arg.equals("--bucket") && hasValue) {
        buckets.add(args[++i]);
      } else if (arg.equals("--help") || arg.equals("-h")) {
        usage(null);
      } else {
        usage("unknown argument '" + arg + "'");
      }
    }
    GcsEmulator emulator;
    try {
      emulator = start(port);
    } catch (UncheckedIOException e) {
      System.err.println(e.getMessage() + ": " + e.getCause().getMessage());
      System.exit(1);
      return;
    }
    buckets.forEach(emulator::createBucket);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                }));
    System.out.println(
        "gcs-emulator listening on "
            + emulator.endpoint()
            + " (export STORAGE_EMULATOR_HOST="
            + emulator.hostAndPort()
            + ")"
            + (buckets.isEmpty() ? "" : "; buckets: " + String.join(", ", buckets)));
    System.out.flush();
    stopped.await();
  }

  private static void usage(String problem) {
    PrintStream out = problem == null ? System.out : System.err;
    if (problem != null) {
      out.println("gcs-emulator: " + problem);
    }
    out.println("usage: gcs-emulator [--port N] [--bucket NAME]...");
    out.println("  A Google Cloud Storage JSON API emulator on 127.0.0.1 (default port 4443).");
    System.exit(problem == null ? 0 : 2);
  }
}

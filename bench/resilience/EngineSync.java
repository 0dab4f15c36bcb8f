import io.cloudsync.core.Clock;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.SyncOptions;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.resilience.BandwidthLimit;
import io.cloudsync.engine.resilience.BandwidthLimiter;
import io.cloudsync.engine.resilience.RetryPolicy;
import io.cloudsync.engine.resilience.RetryingBackend;
import io.cloudsync.engine.resilience.ThrottledInputStream;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One sync run driven through the engine's API, composed as a run composes it (provider registry,
 * bandwidth limit on the streams, retries around every call), for figures while the distribution
 * has no {@code sync} command. Usage: {@code EngineSync WORKSPACE URI [--transfers N] [--bwlimit
 * UP[:DOWN]] [-o name=value]...}. Prints the result as one JSON line.
 */
public final class EngineSync {
  private EngineSync() {}

  public static void main(String[] args) {
    Path workspace = Path.of(args[0]);
    String uri = args[1];
    int transfers = SyncOptions.DEFAULT_TRANSFERS;
    BandwidthLimit limit = BandwidthLimit.UNLIMITED;
    Map<String, String> options = new HashMap<>();
    for (int i = 2; i < args.length; i += 2) {
      switch (args[i]) {
        case "--transfers" -> transfers = Integer.parseInt(args[i + 1]);
        case "--bwlimit" -> limit = BandwidthLimit.parse(args[i + 1]);
        case "-o" -> {
          String[] kv = args[i + 1].split("=", 2);
          options.put(kv[0], kv[1]);
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    StorageBackend store =
        StorageProviders.load()
            .open(new BackendConfig(BackendUri.parse(uri), options, System.getenv()));
    if (!limit.isUnlimited()) {
      store = new Limited(store, limit.uploadLimiter(), limit.downloadLimiter());
    }
    RetryingBackend backend = new RetryingBackend(store, RetryPolicy.DEFAULT);
    Clock clock = Clock.system();
    TransferClock transfer = new TransferClock();
    SyncResult r =
        new SyncEngine(workspace, backend, ResolverPolicies.keepBoth(clock), clock)
            .sync(SyncOptions.defaults().withTransfers(transfers), transfer);
    backend.close();
    System.out.printf(
        "{\"uploaded\": %d, \"downloaded\": %d, \"bytesUploaded\": %d, \"bytesDownloaded\": %d,"
            + " \"errors\": %d, \"retriedCalls\": %d, \"transferMs\": %d, \"durationMs\": %d}%n",
        r.uploaded(),
        r.downloaded(),
        r.bytesUploaded(),
        r.bytesDownloaded(),
        r.errors().size(),
        backend.retriedCalls(),
        transfer.millis(),
        r.durationMs());
    if (!r.errors().isEmpty()) {
      r.errors().forEach(System.err::println);
      System.exit(1);
    }
  }

  /** The time from the first byte transferred to the last. */
  private static final class TransferClock implements SyncListener {
    private volatile long first;
    private volatile long last;

    @Override
    public synchronized void transferred(long bytes) {
      long now = System.nanoTime();
      if (first == 0) {
        first = now;
      }
      last = now;
    }

    long millis() {
      return first == 0 ? 0 : (last - first) / 1_000_000;
    }
  }

  /** Sends every upload and download through the run's shared limiters. */
  private static final class Limited implements StorageBackend {
    private final StorageBackend store;
    private final BandwidthLimiter up;
    private final BandwidthLimiter down;

    Limited(StorageBackend store, BandwidthLimiter up, BandwidthLimiter down) {
      this.store = store;
      this.up = up;
      this.down = down;
    }

    @Override
    public Stream<ListEntry> listEntries(String prefix) {
      return store.listEntries(prefix);
    }

    @Override
    public Optional<RemoteFile> stat(ObjectKey key) {
      return store.stat(key);
    }

    @Override
    public InputStream read(ObjectKey key) {
      return ThrottledInputStream.wrap(store.read(key), down);
    }

    @Override
    public InputStream read(ObjectKey key, ByteRange range) {
      return ThrottledInputStream.wrap(store.read(key, range), down);
    }

    @Override
    public RemoteFile write(
        ObjectKey key,
        InputStream content,
        long length,
        Map<String, String> metadata,
        WriteCondition condition) {
      return store.write(
          key, ThrottledInputStream.wrap(content, up), length, metadata, condition);
    }

    @Override
    public void delete(ObjectKey key, WriteCondition condition) {
      store.delete(key, condition);
    }

    @Override
    public BackendDescription describe() {
      return store.describe();
    }

    @Override
    public String location(ObjectKey key) {
      return store.location(key);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}

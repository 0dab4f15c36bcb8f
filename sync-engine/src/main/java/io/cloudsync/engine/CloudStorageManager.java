package io.cloudsync.engine;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.StorageStats;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.core.SyncStatus;
import io.cloudsync.engine.conflicts.ConflictPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The library façade: one backend, configured once, and the operations an application needs —
 * single-file transfers, listing, deletion, statistics, and the three-way sync of a workspace with
 * its status and conflict resolution. Compose it with Guice (see {@code io.cloudsync.engine.guice})
 * or construct it directly.
 *
 * <p>The offline queue is not part of this release: {@link #enableOfflineMode()} and {@link
 * #getOfflineQueue()} throw {@link UnsupportedOperationException} saying so.
 */
public final class CloudStorageManager implements AutoCloseable {
  private final StorageProviders providers;
  private final ConflictPolicies policies;
  private final Clock clock;
  private StorageBackend backend;

  /**
   * @param providers the storage providers found on the class path
   * @param policies how sync conflicts are settled
   * @param clock the time
   */
  @Inject
  public CloudStorageManager(StorageProviders providers, ConflictPolicies policies, Clock clock) {
    this.providers = requireNonNull(providers, "providers is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Opens the backend {@code config} names (closing any previous one).
   *
   * @throws io.cloudsync.storage.InvalidConfigException for an unknown scheme or a bad option
   */
  public synchronized void configureBackend(BackendConfig config) {
    StorageBackend opened = providers.open(requireNonNull(config, "config is null"));
    close();
    backend = opened;
  }

  /** Uses an already opened backend (tests, applications with their own). */
  public synchronized void configureBackend(StorageBackend opened) {
    requireNonNull(opened, "backend is null");
    close();
    backend = opened;
  }

  /**
   * Stores the file at {@code file} under {@code key}, replacing what is there, with its SHA-256
   * and modification time as metadata.
   */
  public RemoteFile upload(Path file, ObjectKey key) throws IOException {
    StorageBackend b = backend();
    ContentHash hash = ContentHasher.sha256().hash(file);
    long size = Files.size(file);
    Map<String, String> metadata =
        Map.of(
            ContentHash.METADATA_KEY, hash.hex(),
            RemoteFile.MTIME_METADATA_KEY,
                Long.toString(Files.getLastModifiedTime(file).toMillis()));
    try (InputStream in = Files.newInputStream(file)) {
      return b.write(key, in, size, metadata, WriteCondition.UNCONDITIONAL);
    }
  }

  /**
   * Fetches {@code key} into {@code target} atomically (a temp file beside it, checked against the
   * stored SHA-256, then renamed).
   */
  public void download(ObjectKey key, Path target) throws IOException {
    StorageBackend b = backend();
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".cloudsync-", ".part");
    try {
      RemoteFile stat = b.stat(key).orElse(null);
      ContentHash got;
      try (InputStream in = b.read(key)) {
        HashingInputStream hashing = ContentHasher.sha256().hashing(in);
        Files.copy(hashing, tmp, StandardCopyOption.REPLACE_EXISTING);
        got = hashing.hash();
      }
      if (stat != null && stat.hash().isPresent() && !stat.hash().get().equals(got)) {
        throw new IOException(b.location(key) + ": content changed while downloading; try again");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Syncs {@code workspace} with the backend, both ways, with the default options. */
  public SyncResult syncAll(Path workspace) {
    return syncAll(workspace, SyncOptions.defaults(), SyncListener.NONE);
  }

  /** Syncs {@code workspace} with the backend. */
  public SyncResult syncAll(Path workspace, SyncOptions options, SyncListener listener) {
    return engine(workspace).sync(options, listener);
  }

  /** Pending changes, open conflicts and the last sync of {@code workspace}. */
  public SyncStatus getSyncStatus(Path workspace) {
    return engine(workspace).status();
  }

  /** Object count, bytes and newest modification on the backend. */
  public StorageStats getStorageStats() {
    return backend().stats("");
  }

  /** Settles the open conflict of {@code key} in {@code workspace} with {@code strategy}. */
  public SyncResult resolveConflict(Path workspace, ObjectKey key, String strategy) {
    return engine(workspace).resolve(key, strategy);
  }

  /** The objects under {@code prefix} ({@code ""} for all). */
  public List<RemoteFile> listRemoteFiles(String prefix) {
    try (Stream<RemoteFile> files = backend().list(prefix)) {
      return files.sorted((a, b) -> a.key().compareTo(b.key())).toList();
    }
  }

  /** Deletes {@code key} from the backend (a missing key is not an error). */
  public void deleteRemoteFile(ObjectKey key) {
    backend().delete(key, WriteCondition.UNCONDITIONAL);
  }

  /**
   * Not part of this release.
   *
   * @throws UnsupportedOperationException always: the offline queue is not part of this release
   */
  public void enableOfflineMode() {
    throw new UnsupportedOperationException(
        "offline mode is not part of this release: the offline queue is not available yet;"
            + " sync when the backend is reachable");
  }

  /**
   * Not part of this release.
   *
   * @throws UnsupportedOperationException always: the offline queue is not part of this release
   */
  public List<SyncOperation> getOfflineQueue() {
    throw new UnsupportedOperationException(
        "the offline queue is not part of this release; nothing is queued");
  }

  /** The sync engine for {@code workspace} on the configured backend. */
  public SyncEngine engine(Path workspace) {
    return new SyncEngine(workspace, backend(), policies, clock);
  }

  private synchronized StorageBackend backend() {
    if (backend == null) {
      throw new IllegalStateException("no backend configured: call configureBackend first");
    }
    return backend;
  }

  /** Closes the backend. */
  @Override
  public synchronized void close() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }
}

package io.cloudsync.engine.campaign;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Sits right on top of the store and counts the writes and deletes that really landed there, per
 * key, so that a test can tell a retried upload from a duplicated one.
 */
final class CountingBackend implements StorageBackend {
  private final StorageBackend store;
  private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deletes = new ConcurrentHashMap<>();

  CountingBackend(StorageBackend store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** Landed writes per key, sorted by key. */
  Map<String, Integer> writesPerKey() {
    Map<String, Integer> out = new TreeMap<>();
    writes.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Landed writes in all. */
  long totalWrites() {
    return writes.values().stream().mapToLong(AtomicInteger::get).sum();
  }

  /** Landed deletes in all. */
  long totalDeletes() {
    return deletes.values().stream().mapToLong(AtomicInteger::get).sum();
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
    return store.read(key);
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    return store.read(key, range);
  }

  @Override
  public RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    RemoteFile written = store.write(key, content, length, metadata, condition);
    writes.computeIfAbsent(key.value(), k -> new AtomicInteger()).incrementAndGet();
    return written;
  }

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    store.delete(key, condition);
    deletes.computeIfAbsent(key.value(), k -> new AtomicInteger()).incrementAndGet();
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

package io.cloudsync.engine.support;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** A small thread-safe in-memory backend for the engine's tests, counting writes per key. */
public final class MemoryBackend implements StorageBackend {
  private record Stored(String raw, byte[] content, RemoteFile file) {}

  private final TreeMap<String, Stored> objects = new TreeMap<>();
  private final Map<String, Integer> writes = new HashMap<>();
  private final AtomicLong versions = new AtomicLong();

  /** Stores content under a name that need not be a valid key. */
  public synchronized void plantRaw(String raw, byte[] content) {
    objects.put(raw, new Stored(raw, content.clone(), null));
  }

  /** Stores content under a valid key without a recorded hash, as a foreign writer could. */
  public synchronized void plantWithoutHash(String key, byte[] content) {
    RemoteFile file =
        new RemoteFile(
            ObjectKey.of(key),
            content.length,
            Instant.now(),
            Optional.empty(),
            VersionToken.of("v" + versions.incrementAndGet()),
            Map.of());
    objects.put(key, new Stored(key, content.clone(), file));
  }

  /** How many successful writes {@code key} has had. */
  public synchronized int writes(String key) {
    return writes.getOrDefault(key, 0);
  }

  /** The content of {@code key}, or empty. */
  public synchronized Optional<byte[]> content(String key) {
    Stored s = objects.get(key);
    return s == null ? Optional.empty() : Optional.of(s.content.clone());
  }

  /** Every valid key. */
  public synchronized List<String> keys() {
    return objects.values().stream().filter(s -> s.file != null).map(Stored::raw).toList();
  }

  @Override
  public synchronized Stream<ListEntry> listEntries(String prefix) {
    return objects.values().stream()
        .filter(s -> s.raw.startsWith(prefix))
        .map(s -> s.file != null ? (ListEntry) s.file : RejectedKey.of(s.raw))
        .toList()
        .stream();
  }

  @Override
  public synchronized Optional<RemoteFile> stat(ObjectKey key) {
    return Optional.ofNullable(objects.get(key.value())).map(Stored::file);
  }

  @Override
  public synchronized InputStream read(ObjectKey key) {
    Stored s = objects.get(key.value());
    if (s == null || s.file == null) {
      throw new NotFoundException(location(key), "not found");
    }
    return new ByteArrayInputStream(s.content);
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    throw new UnsupportedOperationException("ranged reads are not used by the engine");
  }

  @Override
  public RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    byte[] bytes;
    try {
      bytes = content.readNBytes((int) length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length != length) {
      throw new io.cloudsync.storage.TransientStorageException(
          location(key), "stream ended early", null);
    }
    synchronized (this) {
      check(key, condition);
      ContentHash hash = ContentHasher.sha256().hash(bytes);
      Map<String, String> meta = new HashMap<>(metadata);
      meta.put(ContentHash.METADATA_KEY, hash.hex());
      RemoteFile file =
          new RemoteFile(
              key,
              length,
              Instant.now(),
              Optional.of(hash),
              VersionToken.of("v" + versions.incrementAndGet()),
              meta);
      objects.put(key.value(), new Stored(key.value(), bytes, file));
      writes.merge(key.value(), 1, Integer::sum);
      return file;
    }
  }

  @Override
  public synchronized void delete(ObjectKey key, WriteCondition condition) {
    if (!(condition instanceof WriteCondition.Unconditional)) {
      check(key, condition);
    }
    objects.remove(key.value());
  }

  private void check(ObjectKey key, WriteCondition condition) {
    Stored s = objects.get(key.value());
    switch (condition) {
      case WriteCondition.Unconditional u -> {}
      case WriteCondition.IfAbsent a -> {
        if (s != null) {
          throw new PreconditionFailedException(location(key), "already exists");
        }
      }
      case WriteCondition.IfMatch m -> {
        if (s == null || s.file == null || !s.file.version().equals(m.version())) {
          throw new PreconditionFailedException(location(key), "version does not match");
        }
      }
    }
  }

  @Override
  public BackendDescription describe() {
    throw new UnsupportedOperationException("not used by the engine");
  }

  @Override
  public String location(ObjectKey key) {
    return "mem://test/" + key;
  }
}

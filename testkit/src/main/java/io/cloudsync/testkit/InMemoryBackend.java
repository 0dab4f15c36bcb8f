package io.cloudsync.testkit;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.InvalidObjectKeyException;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A complete {@link StorageBackend} that keeps everything on the heap, for engine tests and as the
 * reference the conformance suite is proven against. Its location is {@code mem://<name>/<key>}.
 *
 * <p>It honours the whole port contract: every write gets a version token never used before, the
 * SHA-256 of the content is stored under {@link ContentHash#METADATA_KEY}, a conditional write or
 * delete checks and replaces in one atomic step, a write whose stream ends early or fails stores
 * nothing, and listings are served lazily in pages of {@link #pageSize()} entries. Content is held
 * in 64 KiB chunks, so even a large object needs no single allocation of its size, and readers
 * share the chunks without copying.
 *
 * <p>Backends made with {@code new InMemoryBackend()} have a private store; {@link
 * InMemoryStorageProvider#named(String)} returns backends that share one store per name within the
 * JVM. {@link #withPageSize} and {@link #withClock} give further views of the same store.
 */
public final class InMemoryBackend implements StorageBackend, SupportsCopy, SupportsBucketCreation {

  /** Entries per listing page unless set otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private static final AtomicLong ANONYMOUS = new AtomicLong();

  private final MemoryStore store;
  private final String root;
  private final int pageSize;
  private final Clock clock;

  /** A backend over a new private store, named {@code memory-<n>}. */
  public InMemoryBackend() {
    this(new MemoryStore("memory-" + ANONYMOUS.incrementAndGet()), "", DEFAULT_PAGE_SIZE, null);
  }

  InMemoryBackend(MemoryStore store, String root, int pageSize, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.root = requireNonNull(root, "root is null");
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
    }
    this.pageSize = pageSize;
    this.clock = clock == null ? Clock.system() : clock;
  }

  /** The same store, listed in pages of {@code entries}. */
  public InMemoryBackend withPageSize(int entries) {
    return new InMemoryBackend(store, root, entries, clock);
  }

  /** The same store, stamping writes with {@code newClock}. */
  public InMemoryBackend withClock(Clock newClock) {
    return new InMemoryBackend(store, root, pageSize, requireNonNull(newClock, "clock is null"));
  }

  /** The store's name, as in {@code mem://<name>}. */
  public String name() {
    return store.name;
  }

  /** Entries per listing page. */
  public int pageSize() {
    return pageSize;
  }

  /** How many listing pages the store has served so far: proves that listings are lazy. */
  public long pagesServed() {
    return store.pagesServed.get();
  }

  /** How many objects are stored under this backend's root, valid keys or not. */
  public int objectCount() {
    return store.objects.subMap(root, true, root + Character.MAX_VALUE, true).size();
  }

  /** Removes every object under this backend's root. */
  public void clear() {
    store.lock.lock();
    try {
      store.objects.keySet().removeIf(raw -> raw.startsWith(root));
    } finally {
      store.lock.unlock();
    }
  }

  /**
   * Stores {@code content} under a name that need not be a valid key ({@code ../x}, {@code /abs},
   * {@code a//b}), as a hostile or foreign writer could; listings then report it as a {@link
   * RejectedKey}.
   */
  public void plantRaw(String rawName, byte[] content) {
    requireNonNull(rawName, "rawName is null");
    ChunkedContent chunks = ChunkedContent.of(requireNonNull(content, "content is null"));
    ContentHash hash = ContentHasher.sha256().hash(content);
    store.lock.lock();
    try {
      String raw = root + rawName;
      store.objects.put(raw, stored(raw, chunks, hash, Map.of()));
      store.markCreated();
    } finally {
      store.lock.unlock();
    }
  }

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    requireNonNull(prefix, "prefix is null");
    return ListingPages.stream(store, root + prefix, pageSize).map(this::toEntry);
  }

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    requireNonNull(key, "key is null");
    return Optional.ofNullable(store.objects.get(raw(key))).map(s -> toRemoteFile(key, s));
  }

  @Override
  public InputStream read(ObjectKey key) {
    return read(key, new ByteRange(0, Long.MAX_VALUE));
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    requireNonNull(key, "key is null");
    requireNonNull(range, "range is null");
    MemoryStore.Stored stored = store.objects.get(raw(key));
    if (stored == null) {
      throw new NotFoundException(location(key), "not found");
    }
    long size = stored.content().size();
    long start = Math.min(range.offset(), size);
    long end = start + Math.min(range.length(), size - start);
    return stored.content().open(start, end);
  }

  @Override
  public RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(content, "content is null");
    requireNonNull(metadata, "metadata is null");
    requireNonNull(condition, "condition is null");
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
    String raw = raw(key);
    // Fail before reading a doomed upload; the check that counts is repeated under the lock.
    check(key, store.objects.get(raw), condition);
    HashingInputStream hashing = ContentHasher.sha256().hashing(new NonClosing(content));
    ChunkedContent chunks;
    try {
      chunks = ChunkedContent.readFrom(hashing, length);
    } catch (EOFException e) {
      throw new LocalIoException(location(key), e.getMessage() + "; nothing was stored", e);
    } catch (IOException e) {
      throw new LocalIoException(
          location(key), "reading the content failed (" + e + "); nothing was stored", e);
    }
    ContentHash hash = hashing.hash();
    store.lock.lock();
    try {
      check(key, store.objects.get(raw), condition);
      MemoryStore.Stored stored = stored(raw, chunks, hash, metadata);
      store.objects.put(raw, stored);
      store.markCreated();
      return toRemoteFile(key, stored);
    } finally {
      store.lock.unlock();
    }
  }

  /** True: the content is hashed as it is stored, with or without a declared hash. */
  @Override
  public boolean hashesWhileWriting() {
    return true;
  }

  @Override
  public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(condition, "condition is null");
    store.lock.lock();
    try {
      MemoryStore.Stored from = store.objects.get(raw(source));
      if (from == null) {
        throw new NotFoundException(location(source), "not found (copy source)");
      }
      check(target, store.objects.get(raw(target)), condition);
      MemoryStore.Stored stored =
          stored(raw(target), from.content(), from.hash(), userMetadata(from.metadata()));
      store.objects.put(raw(target), stored);
      return toRemoteFile(target, stored);
    } finally {
      store.lock.unlock();
    }
  }

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(condition, "condition is null");
    store.lock.lock();
    try {
      MemoryStore.Stored current = store.objects.get(raw(key));
      if (!(condition instanceof WriteCondition.Unconditional) && current == null) {
        throw new PreconditionFailedException(
            location(key), "not found; a conditional delete needs an existing object");
      }
      check(key, current, condition);
      store.objects.remove(raw(key));
    } finally {
      store.lock.unlock();
    }
  }

  @Override
  public boolean createBucket() {
    return store.markCreated();
  }

  @Override
  public BackendDescription describe() {
    return new BackendDescription(
        "mem",
        rootLocation(),
        BackendDescription.Health.CONNECTED,
        Optional.empty(),
        Optional.empty(),
        Map.of(
            "objects", Integer.toString(objectCount()), "page-size", Integer.toString(pageSize)));
  }

  @Override
  public String location(ObjectKey key) {
    return "mem://" + store.name + "/" + root + key.value();
  }

  private String rootLocation() {
    String path = root.isEmpty() ? "" : "/" + root.substring(0, root.length() - 1);
    return "mem://" + store.name + path;
  }

  private String raw(ObjectKey key) {
    return root + key.value();
  }

  private void check(ObjectKey key, MemoryStore.Stored current, WriteCondition condition) {
    switch (condition) {
      case WriteCondition.Unconditional u -> {}
      case WriteCondition.IfAbsent a -> {
        if (current != null) {
          throw new PreconditionFailedException(
              location(key), "already exists (version " + current.version() + ")");
        }
      }
      case WriteCondition.IfMatch m -> {
        if (current == null) {
          throw new PreconditionFailedException(
              location(key), "not found; expected version " + m.version());
        }
        if (!current.version().equals(m.version().value())) {
          throw new PreconditionFailedException(
              location(key), "version is " + current.version() + ", expected " + m.version());
        }
      }
    }
  }

  private MemoryStore.Stored stored(
      String raw, ChunkedContent content, ContentHash hash, Map<String, String> metadata) {
    Map<String, String> all = new HashMap<>(metadata.size() + 1);
    metadata.forEach(
        (name, value) ->
            all.put(requireNonNull(name, "metadata name"), requireNonNull(value, name)));
    all.put(ContentHash.METADATA_KEY, hash.hex());
    return new MemoryStore.Stored(
        raw, content, clock.now(), hash, store.nextVersion(), Map.copyOf(all));
  }

  private static Map<String, String> userMetadata(Map<String, String> metadata) {
    Map<String, String> user = new HashMap<>(metadata);
    user.remove(ContentHash.METADATA_KEY);
    return user;
  }

  private ListEntry toEntry(MemoryStore.Stored stored) {
    String name = stored.rawName().substring(root.length());
    try {
      return toRemoteFile(new ObjectKey(name), stored);
    } catch (InvalidObjectKeyException e) {
      return new RejectedKey(name, e.rule());
    }
  }

  private static RemoteFile toRemoteFile(ObjectKey key, MemoryStore.Stored stored) {
    return new RemoteFile(
        key,
        stored.content().size(),
        stored.modified(),
        Optional.of(stored.hash()),
        VersionToken.of(stored.version()),
        stored.metadata());
  }

  @Override
  public String toString() {
    return "InMemoryBackend[" + rootLocation() + "]";
  }

  /** Keeps the caller's stream open: the port says a write reads it but does not close it. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}

package io.cloudsync.engine.resilience;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An in-memory backend whose failures are scripted per operation: the next calls of an operation
 * throw the queued exceptions, reads can break off after some bytes, listings can fail part-way.
 */
class ScriptedBackend implements StorageBackend {
  record Stored(byte[] content, VersionToken version) {}

  final Map<ObjectKey, Stored> objects = new TreeMap<>();
  final Map<String, Integer> calls = new HashMap<>();
  final List<ByteRange> rangedReads = new ArrayList<>();
  private final Map<String, Deque<StorageException>> failures = new HashMap<>();
  private final Deque<Integer> readCutoffs = new ArrayDeque<>();
  private boolean cutoffThrows = true;
  private int listingFailsAfter = -1;
  private StorageException listingFailure;
  private final AtomicLong versions = new AtomicLong();

  /** The next calls of {@code operation} throw these, in order. */
  synchronized ScriptedBackend failNext(String operation, StorageException... next) {
    failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(Arrays.asList(next));
    return this;
  }

  /** Every call of {@code operation} throws {@code failure}. */
  synchronized ScriptedBackend failAlways(String operation, StorageException failure) {
    StorageException[] many = new StorageException[1000];
    Arrays.fill(many, failure);
    return failNext(operation, many);
  }

  /** The next streams opened break off after these many bytes, with an IOException. */
  synchronized ScriptedBackend breakReadsAfter(Integer... bytes) {
    readCutoffs.addAll(Arrays.asList(bytes));
    cutoffThrows = true;
    return this;
  }

  /** The next streams opened end early after these many bytes, without an error. */
  synchronized ScriptedBackend endReadsEarlyAfter(Integer... bytes) {
    readCutoffs.addAll(Arrays.asList(bytes));
    cutoffThrows = false;
    return this;
  }

  /** The next listing throws {@code failure} after delivering {@code entries} entries. */
  synchronized ScriptedBackend failListingAfter(int entries, StorageException failure) {
    listingFailsAfter = entries;
    listingFailure = failure;
    return this;
  }

  synchronized RemoteFile put(String key, byte[] content) {
    ObjectKey objectKey = ObjectKey.of(key);
    Stored stored = new Stored(content.clone(), VersionToken.of("v" + versions.incrementAndGet()));
    objects.put(objectKey, stored);
    return file(objectKey, stored);
  }

  synchronized byte[] content(String key) {
    return objects.get(ObjectKey.of(key)).content().clone();
  }

  synchronized int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  private synchronized void enter(String operation) {
    calls.merge(operation, 1, Integer::sum);
    Deque<StorageException> queued = failures.get(operation);
    if (queued != null && !queued.isEmpty()) {
      throw queued.poll();
    }
  }

  private static RemoteFile file(ObjectKey key, Stored stored) {
    ContentHash hash = ContentHasher.sha256().hash(stored.content());
    return new RemoteFile(
        key, stored.content().length, Instant.EPOCH, Optional.of(hash), stored.version(), Map.of());
  }

  @Override
  public synchronized Stream<ListEntry> listEntries(String prefix) {
    enter("list");
    List<ListEntry> entries = new ArrayList<>();
    objects.forEach(
        (key, stored) -> {
          if (key.value().startsWith(prefix)) {
            entries.add(file(key, stored));
          }
        });
    int failAfter = listingFailsAfter;
    StorageException failure = listingFailure;
    listingFailsAfter = -1;
    Iterator<ListEntry> source = entries.iterator();
    Iterator<ListEntry> failing =
        new Iterator<>() {
          private int delivered;

          @Override
          public boolean hasNext() {
            if (delivered == failAfter) {
              throw failure;
            }
            return source.hasNext();
          }

          @Override
          public ListEntry next() {
            delivered++;
            return source.next();
          }
        };
    return StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(failing, 0), false);
  }

  @Override
  public synchronized Optional<RemoteFile> stat(ObjectKey key) {
    enter("stat");
    return Optional.ofNullable(objects.get(key)).map(stored -> file(key, stored));
  }

  @Override
  public synchronized InputStream read(ObjectKey key) {
    enter("read");
    return open(key, 0, Long.MAX_VALUE);
  }

  @Override
  public synchronized InputStream read(ObjectKey key, ByteRange range) {
    enter("read");
    rangedReads.add(range);
    return open(key, range.offset(), range.length());
  }

  private InputStream open(ObjectKey key, long offset, long length) {
    Stored stored = objects.get(key);
    if (stored == null) {
      throw new NotFoundException(location(key), "not found");
    }
    byte[] content = stored.content();
    int from = (int) Math.min(offset, content.length);
    int to = (int) Math.min(content.length, from + Math.min(length, Integer.MAX_VALUE));
    byte[] slice = Arrays.copyOfRange(content, from, to);
    Integer cutoff = readCutoffs.poll();
    if (cutoff == null) {
      return new ByteArrayInputStream(slice);
    }
    return new BreakingStream(slice, cutoff, cutoffThrows);
  }

  @Override
  public synchronized RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    enter("write");
    byte[] bytes;
    try {
      bytes = content.readNBytes((int) length);
    } catch (IOException e) {
      throw new io.cloudsync.storage.LocalIoException(location(key), "unreadable", e);
    }
    check(key, condition);
    Stored stored = new Stored(bytes, VersionToken.of("v" + versions.incrementAndGet()));
    objects.put(key, stored);
    return file(key, stored);
  }

  void check(ObjectKey key, WriteCondition condition) {
    Stored current = objects.get(key);
    boolean holds =
        switch (condition) {
          case WriteCondition.Unconditional u -> true;
          case WriteCondition.IfAbsent a -> current == null;
          case WriteCondition.IfMatch m -> current != null && current.version().equals(m.version());
        };
    if (!holds) {
      throw new PreconditionFailedException(location(key), "precondition failed");
    }
  }

  @Override
  public synchronized void delete(ObjectKey key, WriteCondition condition) {
    enter("delete");
    if (condition instanceof WriteCondition.Unconditional && !objects.containsKey(key)) {
      return;
    }
    check(key, condition);
    objects.remove(key);
  }

  @Override
  public BackendDescription describe() {
    return new BackendDescription(
        "scripted",
        "mem://scripted",
        BackendDescription.Health.CONNECTED,
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  @Override
  public String location(ObjectKey key) {
    return "mem://scripted/" + key.value();
  }

  /** A stream that breaks off (or ends early) after {@code cutoff} bytes. */
  private static final class BreakingStream extends InputStream {
    private final byte[] content;
    private final int cutoff;
    private final boolean throwAtCutoff;
    private int pos;

    BreakingStream(byte[] content, int cutoff, boolean throwAtCutoff) {
      this.content = content;
      this.cutoff = cutoff;
      this.throwAtCutoff = throwAtCutoff;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (pos >= content.length) {
        return -1;
      }
      if (pos >= cutoff) {
        if (throwAtCutoff) {
          throw new IOException("connection reset");
        }
        return -1;
      }
      int n = Math.min(len, Math.min(cutoff, content.length) - pos);
      System.arraycopy(content, pos, buffer, off, n);
      pos += n;
      return n;
    }
  }
}

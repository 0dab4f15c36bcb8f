package io.cloudsync.testkit;

import io.cloudsync.core.ContentHash;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state behind one in-memory bucket: objects by raw name, sorted so that listings can page with
 * a cursor. Readers go lock-free; mutations take {@link #lock} so that checking a condition and
 * replacing the object happen as one step.
 */
final class MemoryStore {

  /**
   * One stored version. Immutable: a reader holding it keeps seeing the content it opened.
   *
   * @param rawName the name exactly as stored, relative to the store
   * @param content the bytes
   * @param modified when it was stored
   * @param hash the SHA-256 of the content
   * @param version the version token's text
   * @param metadata user metadata plus the hash entry
   */
  record Stored(
      String rawName,
      ChunkedContent content,
      Instant modified,
      ContentHash hash,
      String version,
      Map<String, String> metadata) {}

  final String name;
  final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
  final ReentrantLock lock = new ReentrantLock();
  final AtomicLong pagesServed = new AtomicLong();
  private final AtomicLong versions = new AtomicLong();
  private final AtomicBoolean created = new AtomicBoolean();

  MemoryStore(String name) {
    this.name = name;
  }

  /** A token never handed out before by this store. */
  String nextVersion() {
    return "v" + versions.incrementAndGet();
  }

  /** Marks the bucket as existing; whether this call did it. */
  boolean markCreated() {
    return created.compareAndSet(false, true);
  }
}

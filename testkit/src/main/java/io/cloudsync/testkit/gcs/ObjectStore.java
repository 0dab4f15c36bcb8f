package io.cloudsync.testkit.gcs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Buckets and their live objects. Every mutation of a bucket happens under that bucket's lock, so a
 * precondition and the change it guards are one atomic step, as on the real service.
 */
final class ObjectStore {

  /** A bucket and its objects, sorted by name (the JSON API lists in lexicographic order). */
  static final class Bucket {
    final String name;
    final Instant created;
    final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();

    Bucket(String name, Instant created) {
      this.name = name;
      this.created = created;
    }
  }

  /** One page of a listing. */
  record Page(List<StoredObject> items, List<String> prefixes, Optional<String> nextToken) {}

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(System.currentTimeMillis() * 1000);

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  long nextGeneration() {
    return generations.incrementAndGet();
  }

  /** Creates a bucket; false when it exists already. */
  boolean createBucket(String name) {
    return buckets.putIfAbsent(name, new Bucket(name, now())) == null;
  }

  Bucket bucket(String name) {
    Bucket bucket = buckets.get(name);
    if (bucket == null) {
      throw GcsError.noSuchBucket();
    }
    return bucket;
  }

  List<Bucket> buckets() {
    return buckets.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toList();
  }

  /** Deletes an empty bucket. */
  void deleteBucket(String name) {
    Bucket bucket = bucket(name);
    synchronized (bucket) {
      if (!bucket.objects.isEmpty()) {
        throw new GcsError(409, "conflict", "The bucket you tried to delete is not empty.");
      }
      buckets.remove(name);
    }
  }

  StoredObject get(String bucketName, String name, Preconditions conditions) {
    Bucket bucket = bucket(bucketName);
    StoredObject object = bucket.objects.get(name);
    if (object == null) {
      throw GcsError.noSuchObject(bucketName, name);
    }
    conditions.check(object);
    return object;
  }

  /**
   * Stores a new generation of {@code name} if {@code conditions} hold at this instant; the content
   * is discarded when they do not.
   */
  StoredObject put(
      String bucketName,
      String name,
      Map<String, String> fields,
      Map<String, String> metadata,
      StoredContent content,
      Preconditions conditions) {
    Bucket bucket;
    try {
      bucket = bucket(bucketName);
    } catch (GcsError e) {
      content.discard();
      throw e;
    }
    synchronized (bucket) {
      StoredObject old = bucket.objects.get(name);
      try {
        conditions.check(old);
      } catch (GcsError e) {
        content.discard();
        throw e;
      }
      Instant now = now();
      StoredObject object =
          new StoredObject(
              bucketName, name, nextGeneration(), 1, fields, metadata, now, now, content);
      bucket.objects.put(name, object);
      if (old != null) {
        old.content().discard();
      }
      return object;
    }
  }

  /** Changes the metadata of the live generation; the metageneration goes up by one. */
  StoredObject update(
      String bucketName,
      String name,
      Preconditions conditions,
      UnaryOperator<StoredObject> change) {
    Bucket bucket = bucket(bucketName);
    synchronized (bucket) {
      StoredObject old = bucket.objects.get(name);
      if (old == null) {
        throw GcsError.noSuchObject(bucketName, name);
      }
      conditions.check(old);
      StoredObject updated = change.apply(old);
      bucket.objects.put(name, updated);
      return updated;
    }
  }

  void delete(String bucketName, String name, Preconditions conditions) {
    Bucket bucket = bucket(bucketName);
    synchronized (bucket) {
      StoredObject old = bucket.objects.get(name);
      if (old == null) {
        throw GcsError.noSuchObject(bucketName, name);
      }
      conditions.check(old);
      bucket.objects.remove(name);
      old.content().discard();
    }
  }

  /**
   * Lists like <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/list">objects:
   * list</a>: names starting with {@code prefix}, in order; with a delimiter, names with the
   * delimiter after the prefix are rolled up into {@code prefixes}; items and prefixes together
   * count toward {@code maxResults}.
   */
  Page list(
      String bucketName,
      String prefix,
      Optional<String> delimiter,
      Optional<String> pageToken,
      int maxResults,
      Optional<String> startOffset,
      Optional<String> endOffset) {
    Bucket bucket = bucket(bucketName);
    NavigableMap<String, StoredObject> view = bucket.objects.tailMap(prefix, true);
    String skipPrefix = null;
    if (pageToken.isPresent()) {
      PageToken token = PageToken.decode(pageToken.get());
      view = view.tailMap(token.after(), token.isPrefix());
      if (token.isPrefix()) {
        skipPrefix = token.after();
      }
    }
    if (startOffset.isPresent()) {
      view = view.tailMap(startOffset.get(), true);
    }
    List<StoredObject> items = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String lastPrefix = null;
    String resumeToken = null;
    for (StoredObject object : view.values()) {
      String name = object.name();
      if (!name.startsWith(prefix)) {
        break;
      }
      if (endOffset.isPresent() && name.compareTo(endOffset.get()) >= 0) {
        break;
      }
      if (skipPrefix != null && name.startsWith(skipPrefix)) {
        continue;
      }
      String rolledUp = null;
      if (delimiter.isPresent() && !delimiter.get().isEmpty()) {
        int at = name.indexOf(delimiter.get(), prefix.length());
        if (at >= 0) {
          rolledUp = name.substring(0, at + delimiter.get().length());
        }
      }
      if (rolledUp != null && rolledUp.equals(lastPrefix)) {
        continue;
      }
      if (items.size() + prefixes.size() == maxResults) {
        return new Page(items, prefixes, Optional.of(resumeToken));
      }
      if (rolledUp != null) {
        prefixes.add(rolledUp);
        lastPrefix = rolledUp;
        resumeToken = PageToken.afterPrefix(rolledUp);
      } else {
        items.add(object);
        resumeToken = PageToken.afterName(name);
      }
    }
    return new Page(items, prefixes, Optional.empty());
  }

  /** The opaque page token: where the previous page stopped. */
  record PageToken(String after, boolean isPrefix) {
    static String afterName(String name) {
      return encode("o:" + name);
    }

    static String afterPrefix(String prefix) {
      return encode("p:" + prefix);
    }

    private static String encode(String text) {
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static PageToken decode(String token) {
      String text;
      try {
        text =
            new String(
                java.util.Base64.getUrlDecoder().decode(token),
                java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw GcsError.invalid("Invalid page token.");
      }
      if (text.startsWith("o:")) {
        return new PageToken(text.substring(2), false);
      }
      if (text.startsWith("p:")) {
        return new PageToken(text.substring(2), true);
      }
      throw GcsError.invalid("Invalid page token.");
    }
  }
}

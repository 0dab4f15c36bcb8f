package io.cloudsync.testkit.gcs;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One live object generation, as the <a
 * href="https://cloud.google.com/storage/docs/json_api/v1/objects">object resource</a> describes
 * it.
 *
 * @param bucket the bucket's name
 * @param name the object's name, exactly as the client sent it
 * @param generation the content version, new on every write
 * @param metageneration the metadata version of this generation, from 1
 * @param fields the standard writable fields set ({@code contentType}, {@code cacheControl}, …)
 * @param metadata the user metadata
 * @param created when this generation was written
 * @param updated when its metadata last changed
 * @param content the bytes
 */
record StoredObject(
    String bucket,
    String name,
    long generation,
    long metageneration,
    Map<String, String> fields,
    Map<String, String> metadata,
    Instant created,
    Instant updated,
    StoredContent content) {

  /** The writable string fields of the object resource that the emulator keeps. */
  static final java.util.List<String> STANDARD_FIELDS =
      java.util.List.of(
          "contentType",
          "contentEncoding",
          "contentDisposition",
          "contentLanguage",
          "cacheControl",
          "storageClass");

  StoredObject {
    fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
  }

  String contentType() {
    return fields.getOrDefault("contentType", "application/octet-stream");
  }

  StoredObject withMetadata(
      Map<String, String> newFields, Map<String, String> newMetadata, Instant now) {
    return new StoredObject(
        bucket,
        name,
        generation,
        metageneration + 1,
        newFields,
        newMetadata,
        created,
        now,
        content);
  }
}

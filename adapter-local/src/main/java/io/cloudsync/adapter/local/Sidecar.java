package io.cloudsync.adapter.local;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the backend records beside one stored file: the key it belongs to, the random generation
 * that serves as the version token, the SHA-256 of the content, the user metadata, and the stamp of
 * the file as written, which tells whether the file on disk is still that version.
 *
 * @param key the object's key text
 * @param generation a random id, fresh for every write
 * @param hash the SHA-256 of the content as received
 * @param metadata the user metadata
 * @param stamp the file's stamp right after it was put in place
 */
record Sidecar(
    String key,
    String generation,
    ContentHash hash,
    Map<String, String> metadata,
    FileStamp stamp) {

  private static final String META = "meta.";

  Sidecar {
    requireNonNull(key, "key is null");
    requireNonNull(generation, "generation is null");
    requireNonNull(hash, "hash is null");
    metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
    requireNonNull(stamp, "stamp is null");
  }

  /** The record as UTF-8 properties text. */
  byte[] encode() {
    Properties properties = new Properties();
    properties.setProperty("key", key);
    properties.setProperty("generation", generation);
    properties.setProperty("sha256", hash.hex());
    properties.setProperty("size", Long.toString(stamp.size()));
    properties.setProperty("modified", Long.toString(stamp.modifiedNanos()));
    properties.setProperty("file", stamp.fileId());
    properties.setProperty("changed", Long.toString(stamp.changedNanos()));
    new TreeMap<>(metadata).forEach((name, value) -> properties.setProperty(META + name, value));
    StringWriter out = new StringWriter();
    try {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a record; empty when the text is damaged, so that the file counts as unknown. */
  static Optional<Sidecar> decode(byte[] bytes) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      Map<String, String> metadata = new TreeMap<>();
      for (String name : properties.stringPropertyNames()) {
        if (name.startsWith(META)) {
          metadata.put(name.substring(META.length()), properties.getProperty(name));
        }
      }
      FileStamp stamp =
          new FileStamp(
              Long.parseLong(properties.getProperty("size")),
              Long.parseLong(properties.getProperty("modified")),
              requireNonNull(properties.getProperty("file")),
              Long.parseLong(properties.getProperty("changed")));
      return Optional.of(
          new Sidecar(
              requireNonNull(properties.getProperty("key")),
              requireNonNull(properties.getProperty("generation")),
              new ContentHash(requireNonNull(properties.getProperty("sha256"))),
              metadata,
              stamp));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

package io.cloudsync.adapter.local;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

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
    return text(properties);
  }

  /**
   * Properties text that {@link Properties#load(java.io.Reader)} reads back: one {@code name=value}
   * line per entry, sorted, UTF-8, with the characters that text format gives a meaning escaped.
   * Unlike {@link Properties#store} it writes no date comment, so equal records are equal bytes.
   */
  private static byte[] text(Properties properties) {
    StringBuilder out = new StringBuilder(256);
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      escape(name, true, out);
      out.append('=');
      escape(properties.getProperty(name), false, out);
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void escape(String text, boolean isName, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        case ' ' -> {
          if (isName || i == 0) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /**
   * Whether this record describes the file whose stamp is {@code now}. Parts the record does not
   * know (an attribute record has no file identity or change time) are not compared.
   */
  boolean describes(FileStamp now) {
    return stamp.size() == now.size()
        && stamp.modifiedNanos() == now.modifiedNanos()
        && (stamp.fileId().isEmpty() || stamp.fileId().equals(now.fileId()))
        && (stamp.changedNanos() == 0 || stamp.changedNanos() == now.changedNanos());
  }

  /**
   * The record as an extended attribute's value: the same properties text without the key (the
   * attribute belongs to the file), the file identity or the change time (see {@link Records}).
   */
  byte[] encodeAttribute() {
    Properties properties = new Properties();
    properties.setProperty("generation", generation);
    properties.setProperty("sha256", hash.hex());
    properties.setProperty("size", Long.toString(stamp.size()));
    properties.setProperty("modified", Long.toString(stamp.modifiedNanos()));
    new TreeMap<>(metadata).forEach((name, value) -> properties.setProperty(META + name, value));
    return text(properties);
  }

  /** Parses an attribute's value for the file of {@code key}; empty when damaged or foreign. */
  static Optional<Sidecar> decodeAttribute(String key, byte[] bytes) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      properties.setProperty("key", key);
      properties.setProperty("file", "");
      properties.setProperty("changed", "0");
      return parse(properties);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses a record; empty when the text is damaged, so that the file counts as unknown. */
  static Optional<Sidecar> decode(byte[] bytes) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      return parse(properties);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Sidecar> parse(Properties properties) {
    try {
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
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}

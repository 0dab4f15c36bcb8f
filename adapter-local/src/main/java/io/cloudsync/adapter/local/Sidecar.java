package io.cloudsync.adapter.local;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.RemoteFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
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

  /** The first byte of a binary attribute value. */
  static final byte BINARY_FORMAT = 1;

  private static final int GENERATION_BYTES = 8;

  /** The most bytes a varint of a long takes. */
  private static final int MAX_VARINT = 10;

  /** In a binary attribute, marks the writer's modification time. */
  private static final byte WRITER_MTIME = 1;

  Sidecar {
    requireNonNull(key, "key is null");
    requireNonNull(generation, "generation is null");
    requireNonNull(hash, "hash is null");
    metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
    requireNonNull(stamp, "stamp is null");
  }

  /** The record as UTF-8 properties text. */
  byte[] encode() {
    TreeMap<String, String> entries = common();
    entries.put("key", key);
    entries.put("file", stamp.fileId());
    entries.put("changed", Long.toString(stamp.changedNanos()));
    return text(entries);
  }

  /** The entries every record has, metadata included, sorted by name. */
  private TreeMap<String, String> common() {
    TreeMap<String, String> entries = new TreeMap<>();
    entries.put("generation", generation);
    entries.put("sha256", hash.hex());
    entries.put("size", Long.toString(stamp.size()));
    entries.put("modified", Long.toString(stamp.modifiedNanos()));
    metadata.forEach((name, value) -> entries.put(META + name, value));
    return entries;
  }

  /**
   * Properties text that {@link Properties#load(java.io.Reader)} reads back: one {@code name=value}
   * line per entry, sorted, UTF-8, with the characters that text format gives a meaning escaped.
   * Unlike {@link Properties#store} it writes no date comment, so equal records are equal bytes.
   */
  private static byte[] text(TreeMap<String, String> entries) {
    StringBuilder out = new StringBuilder(256);
    for (var entry : entries.entrySet()) {
      escape(entry.getKey(), true, out);
      out.append('=');
      escape(entry.getValue(), false, out);
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
   * The record as an extended attribute's value, without the key (the attribute belongs to the
   * file), the file identity or the change time (see {@link Records}). Binary and short, so that it
   * fits in the inode: ext4's default 256-byte inodes have room for a {@code user.cloudsync} value
   * of up to 60 bytes, and a longer one costs a 4 KiB block of its own, written and flushed with
   * every file (the properties text this replaced took about 190 bytes). The layout:
   *
   * <ol>
   *   <li>the format, {@value #BINARY_FORMAT} (a text record starts with a letter);
   *   <li>the generation's 8 bytes (a generation that is not 16 hex digits, as written by earlier
   *       versions, makes the whole record text);
   *   <li>the SHA-256's 32 bytes;
   *   <li>the modification time in nanoseconds, 8 bytes, big-endian;
   *   <li>the size as an unsigned LEB128 varint;
   *   <li>when the user metadata has the writer's modification time ({@link
   *       RemoteFile#MTIME_METADATA_KEY}) as a plain decimal number, {@value #WRITER_MTIME} and
   *       that number as a varint;
   *   <li>the rest of the user metadata, if any, as the properties text of {@code meta.}-prefixed
   *       entries.
   * </ol>
   *
   * <p>A file under 256 MiB written by a sync (which records the writer's modification time) takes
   * 56-60 bytes.
   */
  byte[] encodeAttribute() {
    if (generation.length() != 2 * GENERATION_BYTES || !isLowerHex(generation)) {
      return text(common());
    }
    TreeMap<String, String> rest = new TreeMap<>();
    metadata.forEach((name, value) -> rest.put(META + name, value));
    String writerMtime = metadata.get(RemoteFile.MTIME_METADATA_KEY);
    boolean compactMtime = writerMtime != null && isPlainNumber(writerMtime);
    if (compactMtime) {
      rest.remove(META + RemoteFile.MTIME_METADATA_KEY);
    }
    byte[] tail = rest.isEmpty() ? new byte[0] : text(rest);
    ByteBuffer out =
        ByteBuffer.allocate(
            1 + GENERATION_BYTES + 32 + 8 + MAX_VARINT + 1 + MAX_VARINT + tail.length);
    out.put(BINARY_FORMAT);
    out.put(HexFormat.of().parseHex(generation));
    out.put(hash.digest());
    out.putLong(stamp.modifiedNanos());
    putVarint(out, stamp.size());
    if (compactMtime) {
      out.put(WRITER_MTIME);
      putVarint(out, Long.parseLong(writerMtime));
    }
    out.put(tail);
    return Arrays.copyOf(out.array(), out.position());
  }

  /**
   * Parses an attribute's value, binary or the properties text of earlier versions, for the file of
   * {@code key}; empty when damaged or foreign.
   */
  static Optional<Sidecar> decodeAttribute(String key, byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == BINARY_FORMAT) {
      return decodeBinary(key, bytes);
    }
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

  private static Optional<Sidecar> decodeBinary(String key, byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      in.get(); // the format
      byte[] generation = new byte[GENERATION_BYTES];
      in.get(generation);
      byte[] digest = new byte[32];
      in.get(digest);
      long modified = in.getLong();
      long size = getVarint(in);
      Map<String, String> metadata = new TreeMap<>();
      if (in.hasRemaining() && in.get(in.position()) == WRITER_MTIME) {
        in.get();
        metadata.put(RemoteFile.MTIME_METADATA_KEY, Long.toString(getVarint(in)));
      }
      if (in.hasRemaining()) {
        Properties properties = new Properties();
        properties.load(
            new StringReader(
                new String(bytes, in.position(), in.remaining(), StandardCharsets.UTF_8)));
        for (String name : properties.stringPropertyNames()) {
          if (!name.startsWith(META)) {
            return Optional.empty();
          }
          metadata.put(name.substring(META.length()), properties.getProperty(name));
        }
      }
      return Optional.of(
          new Sidecar(
              key,
              HexFormat.of().formatHex(generation),
              ContentHash.ofDigest(digest),
              metadata,
              new FileStamp(size, modified, "", 0)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void putVarint(ByteBuffer out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.put((byte) value);
  }

  /** Reads a varint of a non-negative long; throws on one that is too long or negative. */
  private static long getVarint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("a varint longer than 63 bits");
  }

  /** Whether {@code text} is a non-negative long written as {@link Long#toString} writes it. */
  private static boolean isPlainNumber(String text) {
    try {
      long value = Long.parseLong(text);
      return value >= 0 && Long.toString(value).equals(text);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isLowerHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
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

package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;

/**
 * The name of an object, relative to the root of a backend or a workspace.
 *
 * <p>A key is validated once, here, so that every module can trust it: it is relative, its segments
 * are separated by {@code /}, it is in Unicode NFC, it has no empty, {@code .} or {@code ..}
 * segment, no NUL or other control character, no backslash, and is at most {@value #MAX_BYTES}
 * bytes in UTF-8. A key that passes can be resolved under a folder without ever leaving it.
 *
 * <p>Keys compare by their exact (NFC) text; two keys that differ only in case are different keys.
 *
 * @param value the key text, already in NFC
 */
public record ObjectKey(String value) implements Comparable<ObjectKey> {

  /** The longest key, in UTF-8 bytes, that every supported object store accepts. */
  public static final int MAX_BYTES = 1024;

  /**
   * Validates {@code value} as it is. Use {@link #of(String)} to normalise to NFC first.
   *
   * @throws InvalidObjectKeyException if the key breaks a rule; the message names the rule
   */
  public ObjectKey {
    requireNonNull(value, "value is null");
    String problem = problemWith(value);
    if (problem != null) {
      throw new InvalidObjectKeyException(value, problem);
    }
  }

  /**
   * Returns the key for {@code text} after normalising it to Unicode NFC.
   *
   * @throws InvalidObjectKeyException if the normalised text breaks a rule
   */
  public static ObjectKey of(String text) {
    requireNonNull(text, "key is null");
    return new ObjectKey(Normalizer.normalize(text, Normalizer.Form.NFC));
  }

  /**
   * Parses a key from an untrusted source (a remote listing, user input) without throwing.
   *
   * @return the key, or empty when {@code text} is not a valid key
   */
  public static Optional<ObjectKey> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    return problemWith(nfc) == null ? Optional.of(new ObjectKey(nfc)) : Optional.empty();
  }

  /**
   * Says why {@code text} is not a valid key.
   *
   * @return the broken rule as a short sentence, or empty when the key is valid
   */
  public static Optional<String> validate(String text) {
    if (text == null) {
      return Optional.of("key is missing");
    }
    return Optional.ofNullable(problemWith(Normalizer.normalize(text, Normalizer.Form.NFC)));
  }

  private static String problemWith(String value) {
    if (value.isEmpty()) {
      return "key is empty";
    }
    if (value.startsWith("/")) {
      return "key is absolute (starts with '/'); keys are relative to the root";
    }
    if (value.endsWith("/")) {
      return "key ends with '/'; a key names a file, not a folder";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return "key contains a NUL character";
      }
      if (Character.isISOControl(c)) {
        return "key contains a control character (U+%04X)".formatted((int) c);
      }
      if (c == '\\') {
        return "key contains a backslash; use '/' between segments";
      }
    }
    for (String segment : value.split("/", -1)) {
      if (segment.isEmpty()) {
        return "key has an empty segment ('//')";
      }
      if (segment.equals(".")) {
        return "key has a '.' segment";
      }
      if (segment.equals("..")) {
        return "key has a '..' segment; keys may not climb out of the root";
      }
    }
    if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
      return "key is not in Unicode NFC";
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return "key is %d bytes in UTF-8; the limit is %d".formatted(bytes, MAX_BYTES);
    }
    return null;
  }

  /** The segments of the key, in order. */
  public List<String> segments() {
    return List.of(value.split("/"));
  }

  /** The last segment: the file name. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** The key of the folder holding this key, or empty at the top level. */
  public Optional<String> parent() {
    int slash = value.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(value.substring(0, slash));
  }

  /** A new key for {@code child} below this key, which is taken as a folder. */
  public ObjectKey resolve(String child) {
    return ObjectKey.of(value + "/" + child);
  }

  /** Whether this key is {@code prefix} or lies below the folder {@code prefix}. */
  public boolean startsWith(String prefix) {
    return value.startsWith(prefix);
  }

  @Override
  public int compareTo(ObjectKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

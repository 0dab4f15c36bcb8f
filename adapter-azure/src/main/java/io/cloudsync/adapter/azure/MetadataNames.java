package io.cloudsync.adapter.azure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Azure metadata names must be C# identifiers, so {@code cloudsync-sha256} cannot be stored as it
 * is. Names are encoded reversibly with {@code _} as escape character: {@code _h} is {@code -},
 * {@code __} is {@code _}, {@code _xHHHH} is any other character (and a leading digit), letters and
 * digits stand for themselves. {@code cloudsync-sha256} is stored as {@code cloudsync_hsha256}. A
 * stored name that does not follow the scheme (set by another tool) decodes to itself.
 */
final class MetadataNames {
  private MetadataNames() {}

  static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean digit = c >= '0' && c <= '9';
      if (letter || (digit && i > 0)) {
        out.append(c);
      } else if (c == '_') {
        out.append("__");
      } else if (c == '-') {
        out.append("_h");
      } else {
        out.append("_x").append(String.format("%04x", (int) c));
      }
    }
    return out.toString();
  }

  static String decode(String stored) {
    StringBuilder out = new StringBuilder(stored.length());
    int i = 0;
    while (i < stored.length()) {
      char c = stored.charAt(i);
      if (c != '_' || i + 1 >= stored.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = stored.charAt(i + 1);
      if (next == '_') {
        out.append('_');
        i += 2;
      } else if (next == 'h') {
        out.append('-');
        i += 2;
      } else if (next == 'x' && i + 6 <= stored.length() && isHex(stored, i + 2, i + 6)) {
        out.append((char) Integer.parseInt(stored.substring(i + 2, i + 6), 16));
        i += 6;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  static Map<String, String> encodeAll(Map<String, String> metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    metadata.forEach((k, v) -> out.put(encode(k), v));
    return out;
  }

  static Map<String, String> decodeAll(Map<String, String> metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    if (metadata != null) {
      metadata.forEach((k, v) -> out.put(decode(k), v));
    }
    return out;
  }
}

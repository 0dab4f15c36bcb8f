package io.cloudsync.storage;

import java.util.Locale;

/** Parses and prints byte sizes the way users write them: {@code 512K}, {@code 16M}, {@code 1G}. */
public final class ByteSizes {
  private ByteSizes() {}

  /**
   * Parses a size with an optional binary suffix (K, M, G, T; an optional trailing {@code i} and
   * {@code B} are accepted: {@code 16MiB}, {@code 16MB}).
   *
   * @throws IllegalArgumentException naming the text when it is not a size
   */
  public static long parse(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (s.endsWith("B")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("I")) {
      s = s.substring(0, s.length() - 1);
    }
    long multiplier = 1;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'K' -> multiplier = 1L << 10;
        case 'M' -> multiplier = 1L << 20;
        case 'G' -> multiplier = 1L << 30;
        case 'T' -> multiplier = 1L << 40;
        default -> multiplier = 1;
      }
      if (multiplier > 1) {
        s = s.substring(0, s.length() - 1);
      }
    }
    try {
      double value = Double.parseDouble(s.strip());
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return (long) (value * multiplier);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size; write it like 1048576, 512K, 16M or 1G");
    }
  }

  /** A size for people: {@code 45.3 MB}, {@code 812 B} (decimal units, as file managers show). */
  public static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}

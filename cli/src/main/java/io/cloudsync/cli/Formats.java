package io.cloudsync.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How counts and times are printed. */
final class Formats {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  /** {@code 1,247}. */
  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** {@code 2025-01-20 14:32 UTC}. */
  static String minutes(Instant t) {
    return MINUTES.format(t);
  }

  /** {@code 2025-01-20 14:32:05} (UTC). */
  static String seconds(Instant t) {
    return SECONDS.format(t);
  }
}

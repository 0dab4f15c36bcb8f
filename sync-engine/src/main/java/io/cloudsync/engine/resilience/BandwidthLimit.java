package io.cloudsync.engine.resilience;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.ByteSizes;
import java.util.Locale;

/**
 * The bandwidth a run may use, per direction, in bytes per second; 0 means unlimited.
 *
 * <p>Written as in {@code --bwlimit} and {@code performance.bwlimit}: {@code 512K} limits both
 * directions, {@code 1M:4M} uploads to 1 MiB/s and downloads to 4 MiB/s, {@code 0} or {@code off}
 * lifts the limit (also on one side: {@code off:4M}). Sizes take the binary suffixes of {@link
 * ByteSizes}.
 *
 * @param upload the upload limit in bytes per second, 0 for none
 * @param download the download limit in bytes per second, 0 for none
 */
public record BandwidthLimit(long upload, long download) {

  /** No limit either way. */
  public static final BandwidthLimit UNLIMITED = new BandwidthLimit(0, 0);

  /** Validates the fields. */
  public BandwidthLimit {
    if (upload < 0 || download < 0) {
      throw new IllegalArgumentException(
          "bandwidth limits cannot be negative: " + upload + ":" + download);
    }
  }

  /**
   * Parses a limit.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms when it is not a limit
   */
  public static BandwidthLimit parse(String text) {
    requireNonNull(text, "bandwidth limit is null");
    String[] parts = text.strip().split(":", -1);
    if (parts.length > 2) {
      throw invalid(text);
    }
    try {
      long upload = rate(parts[0]);
      long download = parts.length == 2 ? rate(parts[1]) : upload;
      return new BandwidthLimit(upload, download);
    } catch (IllegalArgumentException e) {
      throw invalid(text);
    }
  }

  private static long rate(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("off") || s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return ByteSizes.parse(s);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a bandwidth limit; write it like 512K, 1M:4M (upload:download) or off");
  }

  /** Whether neither direction is limited. */
  public boolean isUnlimited() {
    return upload == 0 && download == 0;
  }

  /** A new limiter for uploads; make it once per run and share it among its transfers. */
  public BandwidthLimiter uploadLimiter() {
    return BandwidthLimiter.of(upload);
  }

  /** A new limiter for downloads; make it once per run and share it among its transfers. */
  public BandwidthLimiter downloadLimiter() {
    return BandwidthLimiter.of(download);
  }

  @Override
  public String toString() {
    if (isUnlimited()) {
      return "off";
    }
    return upload == download ? side(upload) : side(upload) + ":" + side(download);
  }

  private static String side(long rate) {
    if (rate == 0) {
      return "off";
    }
    String[] suffixes = {"", "K", "M", "G", "T"};
    long value = rate;
    int unit = 0;
    while (unit < suffixes.length - 1 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + suffixes[unit];
  }
}

package io.cloudsync.engine;

/**
 * The most deletions a run may carry out, as a count ({@code 10}) or a share of the keys the
 * journal knows ({@code 50%}). Exceeding it stops the run before any action.
 *
 * @param value the count, or the percentage
 * @param percent whether {@code value} is a percentage
 */
public record MaxDelete(long value, boolean percent) {

  /** The default: half the known keys. */
  public static final MaxDelete DEFAULT = new MaxDelete(50, true);

  /** Validates the fields. */
  public MaxDelete {
    if (value < 0 || (percent && value > 100)) {
      throw new IllegalArgumentException(
          "--max-delete must be a count >= 0 or a percentage 0-100%");
    }
  }

  /**
   * Parses {@code N} or {@code N%}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static MaxDelete parse(String text) {
    String t = text == null ? "" : text.strip();
    boolean pct = t.endsWith("%");
    String digits = pct ? t.substring(0, t.length() - 1).strip() : t;
    try {
      return new MaxDelete(Long.parseLong(digits), pct);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--max-delete expects a count (10) or a percentage (50%), got '" + text + "'");
    }
  }

  /** The most deletions allowed when the journal knows {@code knownKeys} keys. */
  public long limit(long knownKeys) {
    return percent ? knownKeys * value / 100 : value;
  }

  @Override
  public String toString() {
    return value + (percent ? "%" : "");
  }
}

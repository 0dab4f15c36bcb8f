package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a conflict is settled: the names a user writes in {@code --strategy} and configuration. */
public enum ConflictStrategy {
  /** The side modified last wins (by modification time; ties go to the remote). */
  NEWER("newer"),
  /** The remote side wins. */
  REMOTE("remote"),
  /** The local side wins. */
  LOCAL("local"),
  /** Both are kept: the loser under a conflict-copy name, on both sides. The safe default. */
  KEEP_BOTH("keep-both"),
  /** Nothing moves; the conflict stays open until someone resolves it. */
  MANUAL("manual"),
  /** A three-way merge against the base; falls back to keep-both when the changes overlap. */
  MERGE("merge");

  private final String cliName;

  ConflictStrategy(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in configuration, such as {@code keep-both}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a strategy name ({@code newer|remote|local|keep-both|manual|merge}), ignoring case and
   * surrounding blanks; {@code keep_both} is accepted as written in YAML by habit.
   *
   * @throws IllegalArgumentException naming the valid strategies when {@code text} is none of them
   */
  public static ConflictStrategy parse(String text) {
    requireNonNull(text, "strategy is null");
    String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ConflictStrategy strategy : values()) {
      if (strategy.cliName.equals(wanted)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException(
        "unknown conflict strategy '" + text + "'; valid strategies: " + validNames());
  }

  /** The valid names, comma-separated, for messages. */
  static String validNames() {
    return Arrays.stream(values()).map(ConflictStrategy::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}

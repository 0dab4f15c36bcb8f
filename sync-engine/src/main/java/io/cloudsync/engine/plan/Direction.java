package io.cloudsync.engine.plan;

import java.util.Locale;

/** Which way changes travel in a sync run. */
public enum Direction {
  /** Both ways (the default). */
  BOTH,
  /** Only workspace changes go to the remote; remote changes are reported, not applied. */
  PUSH,
  /** Only remote changes come to the workspace; local changes are reported, not sent. */
  PULL;

  /**
   * Parses {@code both}, {@code push} or {@code pull}.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static Direction parse(String text) {
    for (Direction d : values()) {
      if (d.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown direction '" + text + "'; valid directions: both, push, pull");
  }

  /** The name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

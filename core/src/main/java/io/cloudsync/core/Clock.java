package io.cloudsync.core;

import java.time.Instant;

/** The time, as a port, so tests and the engine agree on "now" without sleeping. */
@FunctionalInterface
public interface Clock {

  /** The current instant. */
  Instant now();

  /** The system's wall clock. */
  static Clock system() {
    return Instant::now;
  }

  /** A clock that always says {@code instant}. */
  static Clock fixed(Instant instant) {
    return () -> instant;
  }
}

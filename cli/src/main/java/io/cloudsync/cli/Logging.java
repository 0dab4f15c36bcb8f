package io.cloudsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Turns on debug logging for {@code --debug}; otherwise logs stay silent and errors print once. */
final class Logging {
  private Logging() {}

  static void enableDebug() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.INFO);
    }
    if (LoggerFactory.getLogger("io.cloudsync") instanceof Logger ours) {
      ours.setLevel(Level.DEBUG);
    }
  }
}

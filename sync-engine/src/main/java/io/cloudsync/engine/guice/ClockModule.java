package io.cloudsync.engine.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.cloudsync.core.Clock;

/** Time: the system clock, or a given one (tests). */
public final class ClockModule extends AbstractModule {
  private final Clock clock;

  /** The system clock. */
  public ClockModule() {
    this(Clock.system());
  }

  /** A given clock. */
  public ClockModule(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
  }
}

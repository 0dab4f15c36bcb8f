package io.cloudsync.engine.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A byte budget per second shared by every transfer of a run: a Resilience4j {@link RateLimiter}
 * whose permits are bytes.
 *
 * <p>The budget is refreshed every {@link #refreshPeriod()} ({@value #PERIOD_MILLIS} ms, or one
 * second for limits under {@value #FINE_GRAINED_MINIMUM} bytes per second) with {@link
 * #permitsPerPeriod()} bytes, so a transfer waits at most about one period. A limiter hands out at
 * most one period's budget at once, so {@link #acquire(long)} takes larger amounts in chunks of at
 * most {@link #permitsPerPeriod()} bytes. One instance is made per direction and run, and shared by
 * all its transfers.
 */
public final class BandwidthLimiter {
  static final long PERIOD_MILLIS = 100;
  static final long FINE_GRAINED_MINIMUM = 1000;
  private static final BandwidthLimiter UNLIMITED = new BandwidthLimiter(0, Optional.empty());

  private final long bytesPerSecond;
  private final Optional<RateLimiter> limiter;

  private BandwidthLimiter(long bytesPerSecond, Optional<RateLimiter> limiter) {
    this.bytesPerSecond = bytesPerSecond;
    this.limiter = limiter;
  }

  /** A limiter that never waits. */
  public static BandwidthLimiter unlimited() {
    return UNLIMITED;
  }

  /**
   * A limiter letting {@code bytesPerSecond} bytes through per second; 0 means unlimited.
   *
   * @throws IllegalArgumentException when the rate is negative
   */
  public static BandwidthLimiter of(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bandwidth limit is negative: " + bytesPerSecond);
    }
    if (bytesPerSecond == 0) {
      return UNLIMITED;
    }
    Duration period =
        bytesPerSecond >= FINE_GRAINED_MINIMUM
            ? Duration.ofMillis(PERIOD_MILLIS)
            : Duration.ofSeconds(1);
    return withPeriod(bytesPerSecond, period);
  }

  /** A limiter with an explicit refresh period, for tests of the arithmetic. */
  static BandwidthLimiter withPeriod(long bytesPerSecond, Duration period) {
    long perPeriod = permitsPerPeriod(bytesPerSecond, period);
    RateLimiterConfig config =
        RateLimiterConfig.custom()
            .limitRefreshPeriod(period)
            .limitForPeriod((int) perPeriod)
            // A chunk never exceeds one period's budget, so it waits about a period at most; the
            // long timeout only guards against a limiter starved by many parallel transfers.
            .timeoutDuration(Duration.ofMinutes(10))
            .build();
    return new BandwidthLimiter(bytesPerSecond, Optional.of(RateLimiter.of("bandwidth", config)));
  }

  /** The bytes one period lets through: the rate times the period, at least 1. */
  static long permitsPerPeriod(long bytesPerSecond, Duration period) {
    long millis = period.toMillis();
    long perPeriod =
        bytesPerSecond > Long.MAX_VALUE / millis ? Long.MAX_VALUE : bytesPerSecond * millis / 1000;
    return Math.clamp(perPeriod, 1, Integer.MAX_VALUE);
  }

  /** Whether this limiter never waits. */
  public boolean isUnlimited() {
    return limiter.isEmpty();
  }

  /** The rate in bytes per second, 0 when unlimited. */
  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** How often the budget is refreshed; zero when unlimited. */
  public Duration refreshPeriod() {
    return limiter.map(l -> l.getRateLimiterConfig().getLimitRefreshPeriod()).orElse(Duration.ZERO);
  }

  /** The bytes handed out per period, and the largest chunk; 0 when unlimited. */
  public int permitsPerPeriod() {
    return limiter.map(l -> l.getRateLimiterConfig().getLimitForPeriod()).orElse(0);
  }

  /** The largest amount a transfer should move between two calls to {@link #acquire}. */
  public int chunkSize() {
    return isUnlimited() ? Integer.MAX_VALUE : permitsPerPeriod();
  }

  /** Bytes still available in the current period (for tests and diagnostics). */
  long availablePermits() {
    return limiter.map(l -> (long) l.getMetrics().getAvailablePermissions()).orElse(Long.MAX_VALUE);
  }

  /**
   * How {@code bytes} are taken from the limiter: the sizes of the successive chunks, none larger
   * than {@link #permitsPerPeriod()}.
   */
  long[] chunks(long bytes) {
    if (bytes <= 0) {
      return new long[0];
    }
    long chunk = chunkSize();
    int count = (int) Math.ceilDiv(bytes, chunk);
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      sizes[i] = Math.min(chunk, bytes - i * chunk);
    }
    return sizes;
  }

  /**
   * Waits until {@code bytes} may pass, taking them chunk by chunk.
   *
   * @throws InterruptedIOException when the thread is interrupted while waiting
   */
  public void acquire(long bytes) throws InterruptedIOException {
    if (limiter.isEmpty() || bytes <= 0) {
      return;
    }
    RateLimiter rateLimiter = limiter.get();
    for (long chunk : chunks(bytes)) {
      while (!rateLimiter.acquirePermission((int) chunk)) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted while waiting for bandwidth");
        }
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while waiting for bandwidth");
      }
    }
  }

  @Override
  public String toString() {
    return isUnlimited() ? "unlimited" : bytesPerSecond + " B/s";
  }
}

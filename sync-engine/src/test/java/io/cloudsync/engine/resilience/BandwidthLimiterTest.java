package io.cloudsync.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter's arithmetic; its effect on wall time belongs to the benchmark. */
class BandwidthLimiterTest {
  // A period this long never refreshes during a test, so the budget left is exact.
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void refreshesEveryTenthOfASecondWithATenthOfTheRate() {
    BandwidthLimiter limiter = BandwidthLimiter.of(512 * 1024);
    assertThat(limiter.refreshPeriod()).isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.permitsPerPeriod()).isEqualTo(52_428);
    assertThat(limiter.bytesPerSecond()).isEqualTo(524_288);
    assertThat(BandwidthLimiter.of(4L << 20).permitsPerPeriod()).isEqualTo(419_430);
  }

  @Test
  void slowRatesRefreshEverySecond() {
    BandwidthLimiter limiter = BandwidthLimiter.of(500);
    assertThat(limiter.refreshPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.permitsPerPeriod()).isEqualTo(500);
    assertThat(BandwidthLimiter.of(1).permitsPerPeriod()).isEqualTo(1);
  }

  @Test
  void permitsPerPeriodAreTheRateTimesThePeriodCappedToAnInt() {
    assertThat(BandwidthLimiter.permitsPerPeriod(1000, Duration.ofMillis(100))).isEqualTo(100);
    assertThat(BandwidthLimiter.permitsPerPeriod(3, Duration.ofMillis(100))).isEqualTo(1);
    assertThat(BandwidthLimiter.permitsPerPeriod(1L << 40, Duration.ofMillis(100)))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(BandwidthLimiter.permitsPerPeriod(Long.MAX_VALUE, HOUR))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void largeAmountsAreTakenInChunksOfAtMostOnePeriod() {
    BandwidthLimiter limiter = BandwidthLimiter.of(512 * 1024);
    assertThat(limiter.chunks(200_000)).containsExactly(52_428, 52_428, 52_428, 42_716);
    assertThat(limiter.chunks(52_428)).containsExactly(52_428);
    assertThat(limiter.chunks(1)).containsExactly(1);
    assertThat(limiter.chunks(0)).isEmpty();
  }

  @Test
  void acquiringTakesExactlyTheBytesFromTheBudget() throws IOException {
    BandwidthLimiter limiter = BandwidthLimiter.withPeriod(100, HOUR);
    assertThat(limiter.permitsPerPeriod()).isEqualTo(360_000);
    limiter.acquire(1_000);
    limiter.acquire(250_000);
    assertThat(limiter.availablePermits()).isEqualTo(109_000);
  }

  @Test
  void zeroMeansUnlimited() throws IOException {
    BandwidthLimiter limiter = BandwidthLimiter.of(0);
    assertThat(limiter.isUnlimited()).isTrue();
    assertThat(limiter).isSameAs(BandwidthLimiter.unlimited());
    assertThat(limiter.chunkSize()).isEqualTo(Integer.MAX_VALUE);
    assertThat(limiter.chunks(5_000_000_000L)).hasSize(3);
    limiter.acquire(Long.MAX_VALUE);
    assertThat(limiter.toString()).isEqualTo("unlimited");
  }

  @Test
  void negativeRateIsRefused() {
    assertThatThrownBy(() -> BandwidthLimiter.of(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bandwidth limit is negative: -1");
  }
}

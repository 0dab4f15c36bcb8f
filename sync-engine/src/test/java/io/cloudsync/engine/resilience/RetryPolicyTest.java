package io.cloudsync.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsAreFiveAttemptsFrom200msDoublingUpTo10sWithHalfJitter() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    assertThat(policy.attempts()).isEqualTo(5);
    assertThat(policy.initialDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.multiplier()).isEqualTo(2.0);
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.jitter()).isEqualTo(0.5);
  }

  @Test
  void nominalDelaysGrowExponentiallyUpToTheCap() {
    RetryPolicy policy = RetryPolicy.DEFAULT.withAttempts(10);
    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(policy::nominalDelay)
                .map(Duration::toMillis))
        .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L);
  }

  @Test
  void backoffWithoutJitterIsExactlyTheNominalDelay() {
    RetryPolicy policy = RetryPolicy.DEFAULT.withJitter(0);
    IntervalFunction backoff = policy.intervalFunction();
    for (int retry = 1; retry <= 8; retry++) {
      assertThat(backoff.apply(retry)).isEqualTo(policy.nominalDelay(retry).toMillis());
    }
  }

  @Test
  void jitterSpreadsEachDelayWithinItsFraction() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    IntervalFunction backoff = policy.intervalFunction();
    for (int retry = 1; retry <= 5; retry++) {
      long nominal = policy.nominalDelay(retry).toMillis();
      for (int sample = 0; sample < 200; sample++) {
        assertThat(backoff.apply(retry))
            .isBetween(Math.round(nominal * 0.5) - 1, Math.round(nominal * 1.5) + 1);
      }
    }
  }

  @Test
  void attemptsAndDelayAreReadFromConfigurationText() {
    RetryPolicy policy = RetryPolicy.DEFAULT.withAttempts(" 3 ").withInitialDelay("500ms");
    assertThat(policy.attempts()).isEqualTo(3);
    assertThat(policy.initialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aFirstDelayBeyondTheCapRaisesTheCap() {
    RetryPolicy policy = RetryPolicy.DEFAULT.withInitialDelay("30s");
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void delaysAreWrittenWithAUnit() {
    assertThat(RetryPolicy.parseDuration("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(RetryPolicy.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryPolicy.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(RetryPolicy.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(RetryPolicy.parseDuration("1H")).isEqualTo(Duration.ofHours(1));
    assertThat(RetryPolicy.parseDuration("PT0.25S")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aBareNumberIsNotADelay() {
    assertThatThrownBy(() -> RetryPolicy.parseDuration("200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'200' is not a delay; write it with a unit, like 200ms, 2s or 1m");
  }

  @Test
  void attemptsMustBeAWholeNumberOfAtLeastOne() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withAttempts("many"))
        .hasMessage("retry attempts 'many' is not a whole number; write it like 5");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withAttempts(0))
        .hasMessage("retry attempts must be 1 or more (1 means no retry), got 0");
    assertThat(RetryPolicy.none().attempts()).isEqualTo(1);
  }

  @Test
  void invalidShapesAreRefused() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withInitialDelay(Duration.ZERO))
        .hasMessageContaining("at least 1ms");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMultiplier(0.5))
        .hasMessageContaining("multiplier must be 1 or more");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(1.0))
        .hasMessageContaining("jitter must be in [0, 1)");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxDelay(Duration.ofMillis(100)))
        .hasMessageContaining("shorter than the first");
  }
}

package io.cloudsync.engine.resilience;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often and how patiently a failed backend call is tried again.
 *
 * <p>The n-th retry waits {@code initialDelay × multiplier^(n-1)}, capped at {@code maxDelay}, then
 * spread at random by ± {@code jitter} of itself so that parallel transfers hitting the same fault
 * do not retry in lockstep.
 *
 * @param attempts how many times a call is made in all, the first included ({@code 1}: no retry)
 * @param initialDelay the wait before the first retry, at least 1 ms
 * @param multiplier how much each wait grows over the previous one, at least 1
 * @param maxDelay the longest wait, at least {@code initialDelay}
 * @param jitter the random spread of each wait, from 0 (none) up to but excluding 1
 */
public record RetryPolicy(
    int attempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

  /** 5 attempts, 200 ms doubling up to 10 s, ± 50 % jitter. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 0.5);

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  /** Validates the fields. */
  public RetryPolicy {
    requireNonNull(initialDelay, "initialDelay is null");
    requireNonNull(maxDelay, "maxDelay is null");
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "retry attempts must be 1 or more (1 means no retry), got " + attempts);
    }
    if (initialDelay.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("retry delay must be at least 1ms, got " + initialDelay);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("retry multiplier must be 1 or more, got " + multiplier);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "longest retry delay " + maxDelay + " is shorter than the first " + initialDelay);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("retry jitter must be in [0, 1), got " + jitter);
    }
  }

  /** A single attempt: no retry at all. */
  public static RetryPolicy none() {
    return DEFAULT.withAttempts(1);
  }

  /** This policy with {@code attempts} attempts in all. */
  public RetryPolicy withAttempts(int attempts) {
    return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay, jitter);
  }

  /**
   * This policy with the attempts written as in {@code performance.retry_attempts} or a flag.
   *
   * @throws IllegalArgumentException naming the text when it is not a whole number of 1 or more
   */
  public RetryPolicy withAttempts(String text) {
    requireNonNull(text, "attempts is null");
    try {
      return withAttempts(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "retry attempts '" + text + "' is not a whole number; write it like 5");
    }
  }

  /** This policy with a first wait of {@code delay}; the longest wait grows to match if needed. */
  public RetryPolicy withInitialDelay(Duration delay) {
    requireNonNull(delay, "delay is null");
    Duration longest = maxDelay.compareTo(delay) < 0 ? delay : maxDelay;
    return new RetryPolicy(attempts, delay, multiplier, longest, jitter);
  }

  /** This policy with the first wait written as in {@code performance.retry_delay} or a flag. */
  public RetryPolicy withInitialDelay(String text) {
    return withInitialDelay(parseDuration(text));
  }

  /** This policy with the longest wait {@code delay}. */
  public RetryPolicy withMaxDelay(Duration delay) {
    return new RetryPolicy(attempts, initialDelay, multiplier, delay, jitter);
  }

  /** This policy with waits growing by {@code factor}. */
  public RetryPolicy withMultiplier(double factor) {
    return new RetryPolicy(attempts, initialDelay, factor, maxDelay, jitter);
  }

  /** This policy with a random spread of ± {@code fraction}. */
  public RetryPolicy withJitter(double fraction) {
    return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay, fraction);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first) before jitter is applied.
   *
   * @throws IllegalArgumentException when {@code retry} is below 1
   */
  public Duration nominalDelay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are counted from 1, got " + retry);
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
  }

  /** The backoff as Resilience4j computes it: exponential, capped, randomised by the jitter. */
  IntervalFunction intervalFunction() {
    if (jitter == 0.0) {
      return IntervalFunction.ofExponentialBackoff(initialDelay, multiplier, maxDelay);
    }
    return IntervalFunction.ofExponentialRandomBackoff(initialDelay, multiplier, jitter, maxDelay);
  }

  /**
   * Parses a delay as users write it: {@code 200ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code
   * 1h}, or ISO-8601 such as {@code PT2S}. A bare number is refused, since nobody can tell whether
   * it meant seconds or milliseconds.
   *
   * @throws IllegalArgumentException naming the text when it is not a delay
   */
  public static Duration parseDuration(String text) {
    requireNonNull(text, "delay is null");
    String s = text.strip();
    Matcher matcher = DURATION.matcher(s);
    if (matcher.matches()) {
      double value = Double.parseDouble(matcher.group(1));
      double millis =
          switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            case "m" -> value * 60_000;
            default -> value * 3_600_000;
          };
      return Duration.ofMillis(Math.round(millis));
    }
    if (s.toUpperCase(Locale.ROOT).startsWith("PT")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a delay; write it with a unit, like 200ms, 2s or 1m");
  }

  @Override
  public String toString() {
    return attempts
        + " attempts, "
        + initialDelay.toMillis()
        + "ms ×"
        + multiplier
        + " up to "
        + maxDelay.toMillis()
        + "ms, jitter "
        + jitter;
  }
}

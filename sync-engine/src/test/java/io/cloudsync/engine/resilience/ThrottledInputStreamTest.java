package io.cloudsync.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the stream charges to its limiter; how long that takes belongs to the benchmark. */
class ThrottledInputStreamTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private static byte[] bytes(int size) {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return content;
  }

  @Test
  void passesEveryByteAndChargesEachToTheLimiter() throws IOException {
    BandwidthLimiter limiter = BandwidthLimiter.withPeriod(100, HOUR);
    byte[] content = bytes(100_000);
    try (InputStream in = new ThrottledInputStream(new ByteArrayInputStream(content), limiter)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(limiter.availablePermits()).isEqualTo(360_000 - 100_000);
  }

  @Test
  void singleByteReadsAreChargedToo() throws IOException {
    BandwidthLimiter limiter = BandwidthLimiter.withPeriod(100, HOUR);
    try (InputStream in = new ThrottledInputStream(new ByteArrayInputStream(bytes(3)), limiter)) {
      in.read();
      in.read();
    }
    assertThat(limiter.availablePermits()).isEqualTo(360_000 - 2);
  }

  @Test
  void aReadNeverAsksForMoreThanOneChunk() throws IOException {
    BandwidthLimiter limiter = BandwidthLimiter.withPeriod(1, HOUR);
    assertThat(limiter.chunkSize()).isEqualTo(3_600);
    try (InputStream in =
        new ThrottledInputStream(new ByteArrayInputStream(bytes(10_000)), limiter)) {
      assertThat(in.read(new byte[10_000], 0, 10_000)).isEqualTo(3_600);
    }
    assertThat(limiter.availablePermits()).isZero();
  }

  @Test
  void twoStreamsShareOneBudget() throws IOException {
    BandwidthLimiter limiter = BandwidthLimiter.withPeriod(100, HOUR);
    try (InputStream a = new ThrottledInputStream(new ByteArrayInputStream(bytes(1000)), limiter);
        InputStream b = new ThrottledInputStream(new ByteArrayInputStream(bytes(2000)), limiter)) {
      a.readAllBytes();
      b.readAllBytes();
    }
    assertThat(limiter.availablePermits()).isEqualTo(360_000 - 3_000);
  }

  @Test
  void unlimitedLimiterLeavesTheStreamAsItIs() {
    InputStream in = new ByteArrayInputStream(bytes(1));
    assertThat(ThrottledInputStream.wrap(in, BandwidthLimiter.unlimited())).isSameAs(in);
    assertThat(ThrottledInputStream.wrap(in, BandwidthLimiter.of(1000)))
        .isInstanceOf(ThrottledInputStream.class);
  }
}

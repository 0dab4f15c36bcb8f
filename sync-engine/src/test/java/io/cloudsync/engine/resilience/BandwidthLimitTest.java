package io.cloudsync.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BandwidthLimitTest {

  @Test
  void oneSizeLimitsBothDirections() {
    assertThat(BandwidthLimit.parse("512K")).isEqualTo(new BandwidthLimit(524_288, 524_288));
  }

  @Test
  void colonSplitsUploadFromDownload() {
    BandwidthLimit limit = BandwidthLimit.parse("1M:4M");
    assertThat(limit.upload()).isEqualTo(1L << 20);
    assertThat(limit.download()).isEqualTo(4L << 20);
    assertThat(limit.uploadLimiter().bytesPerSecond()).isEqualTo(1L << 20);
    assertThat(limit.downloadLimiter().bytesPerSecond()).isEqualTo(4L << 20);
  }

  @Test
  void zeroAndOffMeanUnlimited() {
    assertThat(BandwidthLimit.parse("0")).isEqualTo(BandwidthLimit.UNLIMITED);
    assertThat(BandwidthLimit.parse("off")).isEqualTo(BandwidthLimit.UNLIMITED);
    assertThat(BandwidthLimit.parse(" OFF ").isUnlimited()).isTrue();
    assertThat(BandwidthLimit.UNLIMITED.uploadLimiter().isUnlimited()).isTrue();
  }

  @Test
  void oneDirectionCanBeLeftUnlimited() {
    BandwidthLimit limit = BandwidthLimit.parse("off:4M");
    assertThat(limit).isEqualTo(new BandwidthLimit(0, 4L << 20));
    assertThat(limit.isUnlimited()).isFalse();
    assertThat(limit.uploadLimiter().isUnlimited()).isTrue();
    assertThat(BandwidthLimit.parse(" 2M : 0 ")).isEqualTo(new BandwidthLimit(2L << 20, 0));
  }

  @Test
  void plainNumbersAndLongSuffixesAreBytes() {
    assertThat(BandwidthLimit.parse("1048576")).isEqualTo(BandwidthLimit.parse("1MiB"));
    assertThat(BandwidthLimit.parse("1.5M").upload()).isEqualTo(1_572_864);
  }

  @Test
  void printsTheWayItIsWritten() {
    assertThat(BandwidthLimit.parse("512K")).hasToString("512K");
    assertThat(BandwidthLimit.parse("1M:4M")).hasToString("1M:4M");
    assertThat(BandwidthLimit.parse("off:4M")).hasToString("off:4M");
    assertThat(BandwidthLimit.parse("1000")).hasToString("1000");
    assertThat(BandwidthLimit.UNLIMITED).hasToString("off");
  }

  @Test
  void somethingElseIsRefusedWithTheAcceptedForms() {
    for (String bad : new String[] {"fast", "1M:2M:3M", "", ":", "1M:", "-1M"}) {
      assertThatThrownBy(() -> BandwidthLimit.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' is not a bandwidth limit; write it like 512K, 1M:4M (upload:download) or"
                  + " off");
    }
  }
}

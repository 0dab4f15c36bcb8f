package io.cloudsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

  @ParameterizedTest
  @CsvSource({
    "1048576,1048576",
    "512K,524288",
    "512k,524288",
    "16M,16777216",
    "16MiB,16777216",
    "16MB,16777216",
    "1G,1073741824",
    "1.5K,1536",
    "0,0"
  })
  void parsesSizesAsUsersWriteThem(String text, long bytes) {
    assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "lots", "-1K", "K", "1X"})
  void refusesWhatIsNotASize(String text) {
    assertThatThrownBy(() -> ByteSizes.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a size");
  }

  @ParameterizedTest
  @CsvSource({"0,0 B", "999,999 B", "1000,1.0 kB", "45300000,45.3 MB", "1200000000,1.2 GB"})
  void printsSizesForPeople(long bytes, String text) {
    assertThat(ByteSizes.human(bytes)).isEqualTo(text);
  }
}

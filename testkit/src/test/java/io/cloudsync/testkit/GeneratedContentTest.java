package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ContentHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GeneratedContentTest {

  @Test
  void theSameSeedGivesTheSameBytesHoweverTheReadsAreSliced() throws IOException {
    byte[] whole;
    try (GeneratedContent content = new GeneratedContent(100_003, 9)) {
      whole = content.readAllBytes();
    }
    ByteArrayOutputStream sliced = new ByteArrayOutputStream();
    try (GeneratedContent content = new GeneratedContent(100_003, 9)) {
      byte[] buffer = new byte[777];
      for (int n; (n = content.read(buffer, 0, 1 + sliced.size() % 777)) >= 0; ) {
        sliced.write(buffer, 0, n);
        int single = content.read();
        if (single >= 0) {
          sliced.write(single);
        }
      }
    }

    assertThat(sliced.toByteArray()).isEqualTo(whole);
    assertThat(whole).hasSize(100_003);
    assertThat(new GeneratedContent(100_003, 10).readAllBytes()).isNotEqualTo(whole);
  }

  @Test
  void hashesWhatItServed() throws IOException {
    GeneratedContent content = new GeneratedContent(5000, 1);
    byte[] bytes = content.readAllBytes();

    assertThat(content.hash()).isEqualTo(ContentHasher.sha256().hash(bytes));
    assertThat(GeneratedContent.hashOf(5000, 1)).isEqualTo(ContentHasher.sha256().hash(bytes));
    assertThat(content.served()).isEqualTo(5000);
  }

  @Test
  void endingAfterServesAPrefixThenEnds() throws IOException {
    byte[] full = new GeneratedContent(1000, 4).readAllBytes();

    byte[] cut = GeneratedContent.endingAfter(1000, 4, 300).readAllBytes();

    assertThat(cut).hasSize(300).isEqualTo(java.util.Arrays.copyOf(full, 300));
  }

  @Test
  void failingAfterThrowsLikeAResetConnection() {
    GeneratedContent content = GeneratedContent.failingAfter(1000, 4, 300);

    assertThatThrownBy(content::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset after 300 bytes (injected)");
    assertThat(content.served()).isEqualTo(300);
  }

  @Test
  void remembersBeingClosed() {
    GeneratedContent content = new GeneratedContent(1, 1);

    content.close();

    assertThat(content.closed()).isTrue();
  }
}

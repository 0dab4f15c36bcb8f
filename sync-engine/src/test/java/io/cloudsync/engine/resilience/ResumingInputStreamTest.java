package io.cloudsync.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResumingInputStreamTest {
  private final byte[] content =
      "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final List<String> resumes = new ArrayList<>();

  /** A stream of content[from..] that fails after {@code limit} bytes. */
  private InputStream failingAfter(int from, int limit) {
    return new InputStream() {
      private int pos = from;

      @Override
      public int read() throws IOException {
        if (pos - from >= limit && pos < content.length) {
          throw new IOException("connection reset");
        }
        return pos < content.length ? content[pos++] : -1;
      }
    };
  }

  private ResumingInputStream.Resumer resumer() {
    return (offset, failure, progressed) -> {
      resumes.add(offset + (progressed ? "+" : "-"));
      return new ByteArrayInputStream(Arrays.copyOfRange(content, (int) offset, content.length));
    };
  }

  @Test
  void deliversTheWholeContentAcrossABreak() throws IOException {
    try (ResumingInputStream in =
        new ResumingInputStream(failingAfter(0, 7), resumer(), OptionalLong.empty(), "x")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.resumes()).isEqualTo(1);
    }
    assertThat(resumes).containsExactly("7+");
  }

  @Test
  void anEarlyEndCountsAsABreakWhenTheLengthIsKnown() throws IOException {
    InputStream shortStream = new ByteArrayInputStream(Arrays.copyOf(content, 5));
    try (InputStream in =
        new ResumingInputStream(shortStream, resumer(), OptionalLong.of(content.length), "x")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(resumes).containsExactly("5+");
  }

  @Test
  void anEndIsTheEndWhenTheLengthIsUnknown() throws IOException {
    InputStream shortStream = new ByteArrayInputStream(Arrays.copyOf(content, 5));
    try (InputStream in =
        new ResumingInputStream(shortStream, resumer(), OptionalLong.empty(), "x")) {
      assertThat(in.readAllBytes()).hasSize(5);
    }
    assertThat(resumes).isEmpty();
  }

  @Test
  void tellsTheResumerWhetherTheLastStreamMadeProgress() throws IOException {
    ResumingInputStream.Resumer stubborn =
        (offset, failure, progressed) -> {
          resumes.add(offset + (progressed ? "+" : "-"));
          if (resumes.size() == 3) {
            throw failure;
          }
          return failingAfter((int) offset, 0);
        };
    try (InputStream in =
        new ResumingInputStream(failingAfter(0, 4), stubborn, OptionalLong.empty(), "x")) {
      assertThatThrownBy(in::readAllBytes).hasMessage("connection reset");
    }
    assertThat(resumes).containsExactly("4+", "4-", "4-");
  }

  @Test
  void skipReadsThroughSoTheOffsetStaysExact() throws IOException {
    try (InputStream in =
        new ResumingInputStream(failingAfter(0, 3), resumer(), OptionalLong.empty(), "x")) {
      assertThat(in.skip(10)).isEqualTo(10);
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 10, 20));
    }
    assertThat(resumes).containsExactly("3+");
  }
}

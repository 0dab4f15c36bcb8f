package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudsync.engine.SyncResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncReportTest {
  private static SyncResult result(long retried) {
    return new SyncResult(
        false, 2, 1, 0, 0, 0, 0, 0, 10, 5, 1200, List.of(), List.of(), List.of(), retried);
  }

  private static String print(SyncResult r, boolean json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Invocation invocation =
        new Invocation(
            Path.of("/work"),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    SyncReport.print(r, Path.of("/work/notes"), json, false, invocation);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSummaryLineEndsWithTheRetriedCallsWhenThereWereAny() {
    assertThat(print(result(3), false).strip())
        .startsWith("Synced /work/notes: 2 uploaded")
        .endsWith(", 3 calls retried")
        .doesNotContain("\n");
  }

  @Test
  void theSummaryLineSaysNothingOfRetriesWhenNoneWereNeeded() {
    assertThat(print(result(0), false)).doesNotContain("retried");
  }

  @Test
  void jsonCarriesTheRetriedCount() throws Exception {
    assertThat(new ObjectMapper().readTree(print(result(7), true)).get("retried").asLong())
        .isEqualTo(7);
  }
}

package io.cloudsync.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.VersionToken;
import io.cloudsync.engine.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseContentsTest {
  @TempDir Path base;

  private static String hex(String text) {
    return ContentHasher.sha256().hash(text.getBytes(StandardCharsets.UTF_8)).hex();
  }

  private static JournalEntry entry(String key, String content) {
    return new JournalEntry(
        ObjectKey.of(key),
        ContentHasher.sha256().hash(content.getBytes(StandardCharsets.UTF_8)),
        content.length(),
        0,
        Optional.empty(),
        VersionToken.of("v1"),
        content.length());
  }

  @Test
  void keepsTheBasesTheJournalRefersToAndDeletesTheRest() throws Exception {
    Files.writeString(base.resolve(hex("current a")), "current a");
    Files.writeString(base.resolve(hex("current b")), "current b");
    Files.writeString(base.resolve(hex("old a")), "old a");
    Files.writeString(base.resolve(hex("deleted c")), "deleted c");
    Files.writeString(base.resolve(hex("x") + ".0b1c.tmp"), "interrupted copy");

    int deleted =
        BaseContents.prune(
            base, () -> List.of(entry("a.txt", "current a"), entry("b.txt", "current b")));

    assertThat(deleted).isEqualTo(3);
    try (Stream<Path> left = Files.list(base)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(hex("current a"), hex("current b"));
    }
  }

  @Test
  void aWorkspaceWithoutBasesHasNothingToPrune() throws Exception {
    assertThat(
            BaseContents.prune(
                base.resolve("missing"),
                () -> {
                  throw new AssertionError("the journal is not read without a base folder");
                }))
        .isZero();
  }
}

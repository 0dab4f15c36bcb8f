package io.cloudsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConflictNamerTest {
  private static final Instant WHEN = Instant.parse("2026-11-22T07:05:09Z");
  private final ConflictNamer namer = new ConflictNamer();

  private String name(String key, String host) {
    return namer.conflictKey(ObjectKey.of(key), host, WHEN).value();
  }

  @Test
  void insertsTheMarkerBeforeTheExtension() {
    assertThat(name("report.docx", "laptop"))
        .isEqualTo("report.conflict-laptop-20261122-070509.docx");
  }

  @Test
  void stampsUtcWhateverTheInstantsOffsetWas() {
    Instant lateEvening = Instant.parse("2026-12-31T23:59:59Z");
    assertThat(namer.conflictKey(ObjectKey.of("a.txt"), "h", lateEvening).value())
        .isEqualTo("a.conflict-h-20261231-235959.txt");
  }

  @Test
  void nameWithoutExtensionGetsTheMarkerAtTheEnd() {
    assertThat(name("Makefile", "pc")).isEqualTo("Makefile.conflict-pc-20261122-070509");
  }

  @Test
  void dotfileIsNotTakenForAnExtension() {
    assertThat(name(".bashrc", "pc")).isEqualTo(".bashrc.conflict-pc-20261122-070509");
    assertThat(name("cfg/.env.local", "pc"))
        .isEqualTo("cfg/.env.conflict-pc-20261122-070509.local");
  }

  @Test
  void trailingDotIsNotAnExtension() {
    assertThat(name("odd.", "pc")).isEqualTo("odd..conflict-pc-20261122-070509");
  }

  @Test
  void doubleExtensionKeepsOnlyTheLast() {
    assertThat(name("backup.tar.gz", "pc")).isEqualTo("backup.tar.conflict-pc-20261122-070509.gz");
  }

  @Test
  void nestedFoldersAreKeptAndOnlyTheNameChanges() {
    assertThat(name("a/b.d/c/notes.md", "pc"))
        .isEqualTo("a/b.d/c/notes.conflict-pc-20261122-070509.md");
  }

  @Test
  void hostIsReducedToLettersDigitsAndDashes() {
    assertThat(name("a.txt", "Jo's MacBook.local"))
        .isEqualTo("a.conflict-Jo-s-MacBook-local-20261122-070509.txt");
    assertThat(name("a.txt", "srv_01/../x")).isEqualTo("a.conflict-srv-01-x-20261122-070509.txt");
    assertThat(name("a.txt", "hôte")).isEqualTo("a.conflict-h-te-20261122-070509.txt");
  }

  @Test
  void hostWithNothingUsableBecomesUnknown() {
    assertThat(name("a.txt", "")).isEqualTo("a.conflict-unknown-20261122-070509.txt");
    assertThat(name("a.txt", "...")).isEqualTo("a.conflict-unknown-20261122-070509.txt");
  }

  @Test
  void overlongNameIsShortenedToStayAValidKey() {
    String longStem = "x".repeat(ObjectKey.MAX_BYTES - 10);
    ObjectKey key = namer.conflictKey(ObjectKey.of("d/" + longStem + ".txt"), "pc", WHEN);
    assertThat(key.value().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ObjectKey.MAX_BYTES);
    assertThat(key.value()).startsWith("d/xxx").endsWith(".conflict-pc-20261122-070509.txt");
    assertThat(namer.isConflictCopy(key)).isTrue();
  }

  @Test
  void recognisesItsOwnCopies() {
    for (String key : new String[] {"a/report.docx", "Makefile", ".bashrc", "x.tar.gz", "odd."}) {
      ObjectKey copy = namer.conflictKey(ObjectKey.of(key), "my host", WHEN);
      assertThat(namer.isConflictCopy(copy)).as(copy.value()).isTrue();
    }
  }

  @Test
  void ordinaryNamesAreNotConflictCopies() {
    assertThat(namer.isConflictCopy(ObjectKey.of("report.docx"))).isFalse();
    assertThat(namer.isConflictCopy(ObjectKey.of("a.conflict-notes.txt"))).isFalse();
    assertThat(namer.isConflictCopy(ObjectKey.of("a.conflict-h-2026-070509.txt"))).isFalse();
    assertThat(namer.isConflictCopy(ObjectKey.of("a.conflict-h-20261122-070509.txt/inner")))
        .isFalse();
  }
}

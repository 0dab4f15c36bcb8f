package io.cloudsync.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  private static IgnoreRules rules(String... lines) {
    return IgnoreRules.parse(List.of(lines));
  }

  @Test
  void stateFolderIsAlwaysIgnored() {
    IgnoreRules none = IgnoreRules.none();
    assertThat(none.ignoresFile(".cloudsync/state.db")).isTrue();
    assertThat(none.ignoresEntry(".cloudsync", true)).isTrue();
    assertThat(none.ignoresFile("docs/.cloudsync-notes.txt")).isFalse();
  }

  @Test
  void starMatchesNameAtAnyDepthButNotAcrossSlashes() {
    IgnoreRules r = rules("*.tmp", "# a comment", "");
    assertThat(r.ignoresFile("a.tmp")).isTrue();
    assertThat(r.ignoresFile("deep/er/b.tmp")).isTrue();
    assertThat(r.ignoresFile("a.tmpx")).isFalse();
    assertThat(r.ignoresFile("# a comment")).isFalse();
  }

  @Test
  void questionMarkMatchesOneCharacter() {
    IgnoreRules r = rules("log?.txt");
    assertThat(r.ignoresFile("log1.txt")).isTrue();
    assertThat(r.ignoresFile("log12.txt")).isFalse();
  }

  @Test
  void trailingSlashMatchesFoldersOnly() {
    IgnoreRules r = rules("build/");
    assertThat(r.ignoresFile("build/out.bin")).isTrue();
    assertThat(r.ignoresFile("sub/build/out.bin")).isTrue();
    assertThat(r.ignoresFile("build")).isFalse();
  }

  @Test
  void leadingSlashAnchorsAtTheRoot() {
    IgnoreRules r = rules("/top.txt", "docs/private");
    assertThat(r.ignoresFile("top.txt")).isTrue();
    assertThat(r.ignoresFile("sub/top.txt")).isFalse();
    assertThat(r.ignoresFile("docs/private/x.md")).isTrue();
    assertThat(r.ignoresFile("other/docs/private/x.md")).isFalse();
  }

  @Test
  void doubleStarSpansFolders() {
    IgnoreRules r = rules("**/cache/**", "a/**/z.txt");
    assertThat(r.ignoresFile("cache/x")).isTrue();
    assertThat(r.ignoresFile("p/q/cache/x/y")).isTrue();
    assertThat(r.ignoresFile("a/z.txt")).isTrue();
    assertThat(r.ignoresFile("a/b/c/z.txt")).isTrue();
    assertThat(r.ignoresFile("b/z.txt")).isFalse();
  }

  @Test
  void negationReincludesAndLastRuleWins() {
    IgnoreRules r = rules("*.log", "!keep.log");
    assertThat(r.ignoresFile("x.log")).isTrue();
    assertThat(r.ignoresFile("keep.log")).isFalse();
    assertThat(r.ignoresFile("sub/keep.log")).isFalse();
  }

  @Test
  void fileInsideIgnoredFolderCannotBeReincluded() {
    IgnoreRules r = rules("tmp/", "!tmp/keep.txt");
    assertThat(r.ignoresFile("tmp/keep.txt")).isTrue();
  }
}

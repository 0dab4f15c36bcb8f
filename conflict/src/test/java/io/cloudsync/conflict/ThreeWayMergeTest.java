package io.cloudsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
  private static final String BASE = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";
  private final ThreeWayMerge merge = new ThreeWayMerge();

  private static String cleanText(MergeResult result) {
    assertThat(result.clean()).as("clean, conflicts: %s", result.conflicts()).isTrue();
    assertThat(result.conflicts()).isEmpty();
    return result.merged().orElseThrow();
  }

  @Test
  void changesToDistantLinesAreBothApplied() {
    String local = "ONE\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    String remote = "one\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n";
    assertThat(cleanText(merge.merge(BASE, local, remote)))
        .isEqualTo("ONE\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n");
  }

  @Test
  void insertionsAndDeletionsOnBothSidesCombine() {
    String local = "one\ninserted\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    String remote = "one\ntwo\nthree\nfour\nsix\nseven\n";
    assertThat(cleanText(merge.merge(BASE, local, remote)))
        .isEqualTo("one\ninserted\ntwo\nthree\nfour\nsix\nseven\n");
  }

  @Test
  void addsAtBothEndsAreBothKept() {
    String local = "header\n" + BASE;
    String remote = BASE + "footer\n";
    assertThat(cleanText(merge.merge(BASE, local, remote)))
        .isEqualTo("header\n" + BASE + "footer\n");
  }

  @Test
  void identicalChangesOnBothSidesAreTakenOnce() {
    String both = "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n";
    assertThat(cleanText(merge.merge(BASE, both, both))).isEqualTo(both);
  }

  @Test
  void identicalHunkBesideAOneSidedChangeIsTakenOnce() {
    String local = "one\ntwo\nTHREE\nfour\nfive\nsix\nSEVEN\n";
    String remote = "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n";
    assertThat(cleanText(merge.merge(BASE, local, remote))).isEqualTo(local);
  }

  @Test
  void overlappingChangesAreNotClean() {
    String local = "one\ntwo\nthree (local)\nfour\nfive\nsix\nseven\n";
    String remote = "one\ntwo\nthree (remote)\nfour\nfive\nsix\nseven\n";
    MergeResult result = merge.merge(BASE, local, remote);
    assertThat(result.clean()).isFalse();
    assertThat(result.merged()).isEmpty();
    assertThat(result.conflicts())
        .containsExactly("both sides changed base line 3 (or a line next to it) differently");
  }

  @Test
  void changesToAdjacentLinesAreNotClean() {
    String local = "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n";
    String remote = "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n";
    assertThat(merge.merge(BASE, local, remote).clean()).isFalse();
  }

  @Test
  void differentInsertionsAtTheSamePlaceAreNotClean() {
    String local = "one\nlocal line\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    String remote = "one\nremote line\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    MergeResult result = merge.merge(BASE, local, remote);
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts())
        .containsExactly("both sides inserted different lines after base line 1");
  }

  @Test
  void everyOverlapIsReported() {
    String local = "1\ntwo\nthree\nfour\nfive\nsix\n7\n";
    String remote = "uno\ntwo\nthree\nfour\nfive\nsix\nsiete\n";
    assertThat(merge.merge(BASE, local, remote).conflicts()).hasSize(2);
  }

  @Test
  void deletionOnOneSideAndEditElsewhereCombine() {
    String local = "two\nthree\nfour\nfive\nsix\nseven\n";
    String remote = "one\ntwo\nthree\nfour\nfive\nSIX\nseven\n";
    assertThat(cleanText(merge.merge(BASE, local, remote)))
        .isEqualTo("two\nthree\nfour\nfive\nSIX\nseven\n");
  }

  @Test
  void oneUnchangedSideYieldsTheOtherVerbatim() {
    String local = "completely\r\ndifferent";
    assertThat(cleanText(merge.merge(BASE, local, BASE))).isEqualTo(local);
    assertThat(cleanText(merge.merge(BASE, BASE, local))).isEqualTo(local);
  }

  @Test
  void missingFinalNewlineIsPreservedWhenNobodyAddsOne() {
    String base = "a\nb\nc\nd\ne";
    String local = "A\nb\nc\nd\ne";
    String remote = "a\nb\nc\nd\nE";
    assertThat(cleanText(merge.merge(base, local, remote))).isEqualTo("A\nb\nc\nd\nE");
  }

  @Test
  void finalNewlineChangeOnOneSideIsMergedLikeALine() {
    String base = "a\nb\nc\nd\ne\n";
    String local = "a\nb\nc\nd\ne";
    String remote = "A\nb\nc\nd\ne\n";
    assertThat(cleanText(merge.merge(base, local, remote))).isEqualTo("A\nb\nc\nd\ne");
  }

  @Test
  void crlfLineEndingsComeBackUnchanged() {
    String base = "a\r\nb\r\nc\r\nd\r\ne\r\n";
    String local = "A\r\nb\r\nc\r\nd\r\ne\r\n";
    String remote = "a\r\nb\r\nc\r\nd\r\nE\r\n";
    assertThat(cleanText(merge.merge(base, local, remote))).isEqualTo("A\r\nb\r\nc\r\nd\r\nE\r\n");
  }

  @Test
  void emptyBaseWithDifferentContentOnBothSidesIsNotClean() {
    assertThat(merge.merge("", "local\n", "remote\n").clean()).isFalse();
  }

  @Test
  void bothSidesEmptyingTheFileMergesToEmpty() {
    assertThat(cleanText(merge.merge(BASE, "", ""))).isEmpty();
  }

  private static String numbered(String prefix, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(prefix).append(i).append('\n');
    }
    return text.toString();
  }

  @Test
  void aRewriteOfMoreLinesThanTheLimitIsNotMerged() {
    String base = numbered("line ", 1500);
    String local = numbered("rewritten ", 1500);
    String remote = base + "appended\n";
    MergeResult result = merge.merge(base, local, remote);
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts())
        .containsExactly("local changes more than 1000 lines; too many to merge");
  }

  @Test
  void reorderedLinesBeyondTheLimitAreNotMergedEvenThoughNoLineIsNew() {
    java.util.List<String> lines =
        new java.util.ArrayList<>(numbered("line ", 3000).lines().toList());
    String base = String.join("\n", lines) + "\n";
    java.util.Collections.shuffle(lines, new java.util.Random(7));
    String remote = String.join("\n", lines) + "\n";
    String local = "header\n" + base;
    MergeResult result = merge.merge(base, local, remote);
    assertThat(result.conflicts())
        .containsExactly("remote changes more than 1000 lines; too many to merge");
  }

  @Test
  void manyScatteredChangesWithinTheLimitStillMerge() {
    String base = numbered("line ", 2000);
    String[] lines = base.split("\n");
    StringBuilder local = new StringBuilder();
    StringBuilder remote = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String l = i % 10 == 0 ? "L" + i : lines[i];
      String r = i % 10 == 5 ? "R" + i : lines[i];
      local.append(l).append('\n');
      remote.append(r).append('\n');
      expected.append(i % 10 == 0 ? l : r).append('\n');
    }
    assertThat(cleanText(merge.merge(base, local.toString(), remote.toString())))
        .isEqualTo(expected.toString());
  }
}

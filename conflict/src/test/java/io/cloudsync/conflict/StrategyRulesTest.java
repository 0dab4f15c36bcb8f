package io.cloudsync.conflict;

import static io.cloudsync.conflict.ConflictStrategy.KEEP_BOTH;
import static io.cloudsync.conflict.ConflictStrategy.LOCAL;
import static io.cloudsync.conflict.ConflictStrategy.MANUAL;
import static io.cloudsync.conflict.ConflictStrategy.MERGE;
import static io.cloudsync.conflict.ConflictStrategy.REMOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.conflict.StrategyRules.Rule;
import io.cloudsync.core.ObjectKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyRulesTest {

  private static ConflictStrategy strategy(StrategyRules rules, String key) {
    return rules.strategyFor(ObjectKey.of(key));
  }

  @Test
  void globWithoutSlashMatchesTheFileNameAtAnyDepth() {
    StrategyRules rules = new StrategyRules(List.of(new Rule("*.md", MERGE)), KEEP_BOTH);
    assertThat(strategy(rules, "README.md")).isEqualTo(MERGE);
    assertThat(strategy(rules, "notes/2026/today.md")).isEqualTo(MERGE);
    assertThat(strategy(rules, "notes/today.md.bak")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void doubleStarSuffixMatchesEverythingBelowAFolder() {
    StrategyRules rules = new StrategyRules(List.of(new Rule("docs/**", REMOTE)), KEEP_BOTH);
    assertThat(strategy(rules, "docs/a.txt")).isEqualTo(REMOTE);
    assertThat(strategy(rules, "docs/deep/er/b.bin")).isEqualTo(REMOTE);
    assertThat(strategy(rules, "docsx/a.txt")).isEqualTo(KEEP_BOTH);
    assertThat(strategy(rules, "other/docs/a.txt")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void doubleStarPrefixMatchesAtAnyDepthIncludingTheTop() {
    StrategyRules rules = new StrategyRules(List.of(new Rule("**/*.json", MERGE)), KEEP_BOTH);
    assertThat(strategy(rules, "package.json")).isEqualTo(MERGE);
    assertThat(strategy(rules, "a/b/c.json")).isEqualTo(MERGE);
    assertThat(strategy(rules, "a/b/c.jsonl")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void singleStarStaysWithinOneSegment() {
    StrategyRules rules = new StrategyRules(List.of(new Rule("src/*.java", LOCAL)), KEEP_BOTH);
    assertThat(strategy(rules, "src/A.java")).isEqualTo(LOCAL);
    assertThat(strategy(rules, "src/pkg/A.java")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void questionMarkAndBracesMatchAsInShells() {
    StrategyRules rules =
        new StrategyRules(
            List.of(new Rule("*.{yaml,yml}", MERGE), new Rule("log?.txt", MANUAL)), KEEP_BOTH);
    assertThat(strategy(rules, "conf/app.yaml")).isEqualTo(MERGE);
    assertThat(strategy(rules, "app.yml")).isEqualTo(MERGE);
    assertThat(strategy(rules, "log1.txt")).isEqualTo(MANUAL);
    assertThat(strategy(rules, "log12.txt")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void firstMatchingRuleWins() {
    StrategyRules rules =
        new StrategyRules(List.of(new Rule("docs/**", REMOTE), new Rule("*.md", MERGE)), LOCAL);
    assertThat(strategy(rules, "docs/guide.md")).isEqualTo(REMOTE);
    assertThat(strategy(rules, "guide.md")).isEqualTo(MERGE);
    assertThat(strategy(rules, "photo.jpg")).isEqualTo(LOCAL);
  }

  @Test
  void regexCharactersInGlobsAreLiteral() {
    StrategyRules rules = new StrategyRules(List.of(new Rule("a+b (1).txt", LOCAL)), KEEP_BOTH);
    assertThat(strategy(rules, "x/a+b (1).txt")).isEqualTo(LOCAL);
    assertThat(strategy(rules, "x/aab (1).txt")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void leadingSlashAnchorsToTheTop() {
    StrategyRules rules = new StrategyRules(List.of(new Rule("/todo.txt", MANUAL)), KEEP_BOTH);
    assertThat(strategy(rules, "todo.txt")).isEqualTo(MANUAL);
    assertThat(strategy(rules, "sub/todo.txt")).isEqualTo(KEEP_BOTH);
  }

  @Test
  void alwaysUsesOneStrategyForEveryKey() {
    assertThat(strategy(StrategyRules.always(MANUAL), "any/key")).isEqualTo(MANUAL);
  }

  @Test
  void malformedGlobsAreRefusedWhenTheRuleIsMade() {
    assertThatThrownBy(() -> new Rule("*.{md,txt", MERGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed");
    assertThatThrownBy(() -> new Rule("  ", MERGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }
}

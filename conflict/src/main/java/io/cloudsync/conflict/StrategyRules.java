package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import java.util.List;

/**
 * Per-path conflict strategies: an ordered list of glob rules and the strategy for keys no rule
 * matches. The first matching rule wins.
 *
 * <p>Globs: {@code *} matches within one segment, {@code ?} one character of a segment, {@code **}
 * any number of segments ({@code docs/**} is everything below {@code docs}, {@code **}{@code
 * /*.json} a JSON file at any depth, the top level included), {@code {a,b}} either alternative. A
 * glob without {@code /} matches the file name at any depth ({@code *.md} matches {@code
 * notes/today.md}). Matching is case-sensitive, like keys.
 *
 * @param rules the rules, tried in order
 * @param fallback the strategy when no rule matches
 */
public record StrategyRules(List<Rule> rules, ConflictStrategy fallback) {

  /** Validates and copies the rules. */
  public StrategyRules {
    rules = List.copyOf(requireNonNull(rules, "rules is null"));
    requireNonNull(fallback, "fallback is null");
  }

  /** No rules: every key gets {@code strategy}. */
  public static StrategyRules always(ConflictStrategy strategy) {
    return new StrategyRules(List.of(), strategy);
  }

  /** The strategy of the first rule matching {@code key}, or the fallback. */
  public ConflictStrategy strategyFor(ObjectKey key) {
    requireNonNull(key, "key is null");
    for (Rule rule : rules) {
      if (rule.matches(key)) {
        return rule.strategy();
      }
    }
    return fallback;
  }

  /**
   * One rule: keys matching {@code glob} are settled with {@code strategy}.
   *
   * @param glob the path pattern
   * @param strategy the strategy for matching keys
   */
  public record Rule(String glob, ConflictStrategy strategy) {

    /**
     * Validates the glob.
     *
     * @throws IllegalArgumentException when the glob is blank or malformed
     */
    public Rule {
      requireNonNull(glob, "glob is null");
      requireNonNull(strategy, "strategy is null");
      Glob.compile(glob);
    }

    /** Whether {@code key} matches this rule's glob. */
    public boolean matches(ObjectKey key) {
      return Glob.compile(glob).matches(key);
    }
  }
}

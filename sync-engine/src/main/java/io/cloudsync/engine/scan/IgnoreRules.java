package io.cloudsync.engine.scan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which paths a sync leaves alone: {@code .cloudsync/} always, plus the rules of the workspace's
 * {@code .cloudsyncignore} in the common subset of gitignore syntax: {@code *}, {@code **}, {@code
 * ?}, {@code [abc]}, a trailing {@code /} for folders only, a leading (or inner) {@code /} to
 * anchor at the workspace root, {@code !} to re-include, {@code #} comments. The last matching rule
 * wins; a path inside an ignored folder is ignored (as in git, it cannot be re-included).
 *
 * <p>The same rules filter both sides: an ignored remote key is neither downloaded nor deleted.
 */
public final class IgnoreRules {

  /** The name of the ignore file at the workspace root. */
  public static final String FILE_NAME = ".cloudsyncignore";

  /** The workspace's state folder, never synced. */
  public static final String STATE_DIR = ".cloudsync";

  private record Rule(Pattern pattern, boolean negated, boolean dirOnly) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Only the built-in rule ({@code .cloudsync/}). */
  public static IgnoreRules none() {
    return new IgnoreRules(List.of());
  }

  /** The rules of {@code <workspace>/.cloudsyncignore}, or none when the file is absent. */
  public static IgnoreRules load(Path workspace) throws IOException {
    Path file = workspace.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return none();
    }
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses gitignore-style lines. */
  public static IgnoreRules parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : requireNonNull(lines, "lines is null")) {
      String line = stripTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = false;
      if (line.startsWith("!")) {
        negated = true;
        line = line.substring(1);
      } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
        line = line.substring(1);
      }
      boolean dirOnly = line.endsWith("/");
      if (dirOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String body = toRegex(line);
      String regex = anchored ? body : "(?:.*/)?" + body;
      rules.add(new Rule(Pattern.compile(regex), negated, dirOnly));
    }
    return new IgnoreRules(rules);
  }

  /**
   * Whether the path (relative, {@code /}-separated) is ignored, judging only the path itself;
   * callers walking a tree stop descending into ignored folders.
   */
  public boolean ignoresEntry(String relative, boolean isDirectory) {
    if (relative.equals(STATE_DIR) || relative.startsWith(STATE_DIR + "/")) {
      return true;
    }
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.dirOnly && !isDirectory) {
        continue;
      }
      if (rule.pattern.matcher(relative).matches()) {
        ignored = !rule.negated;
      }
    }
    return ignored;
  }

  /** Whether a file at {@code relative} is ignored, itself or through any folder above it. */
  public boolean ignoresFile(String relative) {
    int slash = relative.indexOf('/');
    while (slash >= 0) {
      if (ignoresEntry(relative.substring(0, slash), true)) {
        return true;
      }
      slash = relative.indexOf('/', slash + 1);
    }
    return ignoresEntry(relative, false);
  }

  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*') {
        boolean atStart = i == 0;
        boolean slashAfter = i + 2 < n && glob.charAt(i + 2) == '/';
        boolean atEnd = i + 2 == n;
        if (atStart && slashAfter) {
          re.append("(?:.*/)?");
          i += 3;
        } else if (atEnd) {
          re.append(".*");
          i += 2;
        } else if (slashAfter) {
          re.append("(?:.*/)?");
          i += 3;
        } else {
          re.append("[^/]*");
          i += 2;
        }
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          re.append("\\[");
          i++;
        } else {
          String set = glob.substring(i + 1, close);
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          }
          re.append('[').append(set.replace("\\", "\\\\")).append(']');
          i = close + 1;
        }
      } else if (c == '\\' && i + 1 < n) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i += 2;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return re.toString();
  }
}

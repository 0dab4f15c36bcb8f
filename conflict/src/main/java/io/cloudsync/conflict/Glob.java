package io.cloudsync.conflict;

import io.cloudsync.core.ObjectKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** A compiled path glob; see {@link StrategyRules} for the syntax. */
final class Glob {
  // Rules come from one configuration file, so the cache stays as small as that file.
  private static final Map<String, Glob> CACHE = new ConcurrentHashMap<>();

  private final Pattern pattern;
  private final boolean nameOnly;

  private Glob(Pattern pattern, boolean nameOnly) {
    this.pattern = pattern;
    this.nameOnly = nameOnly;
  }

  static Glob compile(String glob) {
    Glob cached = CACHE.get(glob);
    if (cached != null) {
      return cached;
    }
    Glob compiled = new Glob(Pattern.compile(toRegex(glob)), glob.indexOf('/') < 0);
    CACHE.put(glob, compiled);
    return compiled;
  }

  boolean matches(ObjectKey key) {
    return pattern.matcher(nameOnly ? key.name() : key.value()).matches();
  }

  private static String toRegex(String glob) {
    if (glob.isBlank()) {
      throw new IllegalArgumentException("glob is blank");
    }
    String text = glob.startsWith("/") ? glob.substring(1) : glob;
    StringBuilder regex = new StringBuilder();
    boolean inBraces = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        boolean segmentStart = i == 0 || text.charAt(i - 1) == '/';
        boolean followedBySlash = i + 2 < text.length() && text.charAt(i + 2) == '/';
        if (segmentStart && followedBySlash) {
          regex.append("(?:.*/)?");
          i += 3;
        } else {
          regex.append(".*");
          i += 2;
        }
        continue;
      }
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        case '{' -> {
          if (inBraces) {
            throw new IllegalArgumentException("glob '" + glob + "' nests '{'");
          }
          inBraces = true;
          regex.append("(?:");
        }
        case '}' -> {
          if (!inBraces) {
            throw new IllegalArgumentException("glob '" + glob + "' closes '}' it never opened");
          }
          inBraces = false;
          regex.append(')');
        }
        case ',' -> regex.append(inBraces ? "|" : ",");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (inBraces) {
      throw new IllegalArgumentException("glob '" + glob + "' leaves '{' unclosed");
    }
    return regex.toString();
  }
}

package io.cloudsync.core;

/** A text that is not a valid {@link ObjectKey}; the message names the text and the broken rule. */
public final class InvalidObjectKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String rule;

  /**
   * @param key the rejected text (shown escaped in the message)
   * @param rule the broken rule, as a short sentence
   */
  public InvalidObjectKeyException(String key, String rule) {
    super("invalid key \"" + printable(key) + "\": " + rule);
    this.key = key;
    this.rule = rule;
  }

  /** The rejected text, as given. */
  public String key() {
    return key;
  }

  /** The broken rule. */
  public String rule() {
    return rule;
  }

  /**
   * Escapes control characters so a hostile key cannot forge terminal output or log lines, and cuts
   * the text at 200 characters (a rejected name may be of any length).
   */
  public static String printable(String text) {
    return escaped(text, 200);
  }

  /**
   * Escapes control characters as {@link #printable} does, keeping every character: for names whose
   * length the file system already bounds, such as a workspace's paths.
   */
  public static String escaped(String text) {
    return escaped(text, Integer.MAX_VALUE);
  }

  private static String escaped(String text, int limit) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), limit));
    for (int i = 0; i < text.length() && out.length() < limit; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append("\\u%04x".formatted((int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= limit) {
      out.append('…');
    }
    return out.toString();
  }
}

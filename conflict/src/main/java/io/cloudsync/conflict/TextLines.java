package io.cloudsync.conflict;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as lines without their {@code \n}, and whether it ended with one. A {@code \r} stays part of
 * its line, so CRLF text comes back exactly as it went in.
 */
record TextLines(List<String> lines, boolean finalNewline) {

  TextLines {
    lines = List.copyOf(lines);
  }

  static TextLines of(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        lines.add(text.substring(start));
        return new TextLines(lines, false);
      }
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    return new TextLines(lines, !text.isEmpty());
  }

  String text() {
    if (lines.isEmpty()) {
      return "";
    }
    return String.join("\n", lines) + (finalNewline ? "\n" : "");
  }
}

package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A line-based three-way merge (diff3): the changes each side made to the base are applied together
 * when they touch different lines.
 *
 * <p>Each side is diffed against the base; the resulting hunks are grouped where their base ranges
 * overlap or touch. A group changed by one side only takes that side's lines. A group changed by
 * both sides is clean only when both produced the same lines (the change is taken once); otherwise
 * it is a conflict, as are changes on adjacent lines, because nothing proves that adjacent edits
 * are independent. Whether the text ends with a newline is merged like a line: the side that
 * changed it wins.
 */
public final class ThreeWayMerge {

  /** Merges {@code local} and {@code remote}, both derived from {@code base}. */
  public MergeResult merge(String base, String local, String remote) {
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
    if (local.equals(remote)) {
      return MergeResult.clean(local);
    }
    if (local.equals(base)) {
      return MergeResult.clean(remote);
    }
    if (remote.equals(base)) {
      return MergeResult.clean(local);
    }
    TextLines baseLines = TextLines.of(base);
    TextLines localLines = TextLines.of(local);
    TextLines remoteLines = TextLines.of(remote);

    List<Hunk> hunks = new ArrayList<>();
    hunks.addAll(hunks(baseLines.lines(), localLines.lines(), true));
    hunks.addAll(hunks(baseLines.lines(), remoteLines.lines(), false));
    hunks.sort(Comparator.comparingInt(Hunk::start).thenComparingInt(Hunk::end));

    List<String> merged = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    List<String> baseList = baseLines.lines();
    int copied = 0;
    int i = 0;
    while (i < hunks.size()) {
      int groupStart = hunks.get(i).start();
      int groupEnd = hunks.get(i).end();
      int j = i + 1;
      while (j < hunks.size() && hunks.get(j).start() <= groupEnd) {
        groupEnd = Math.max(groupEnd, hunks.get(j).end());
        j++;
      }
      List<Hunk> group = hunks.subList(i, j);
      merged.addAll(baseList.subList(copied, groupStart));
      List<String> fromLocal = apply(baseList, groupStart, groupEnd, group, true);
      List<String> fromRemote = apply(baseList, groupStart, groupEnd, group, false);
      boolean localChanged = group.stream().anyMatch(Hunk::local);
      boolean remoteChanged = group.stream().anyMatch(hunk -> !hunk.local());
      if (!remoteChanged || fromLocal.equals(fromRemote)) {
        merged.addAll(fromLocal);
      } else if (!localChanged) {
        merged.addAll(fromRemote);
      } else {
        conflicts.add(describe(groupStart, groupEnd));
      }
      copied = groupEnd;
      i = j;
    }
    merged.addAll(baseList.subList(copied, baseList.size()));

    if (!conflicts.isEmpty()) {
      return MergeResult.conflicted(conflicts);
    }
    boolean finalNewline =
        localLines.finalNewline() != baseLines.finalNewline()
            ? localLines.finalNewline()
            : remoteLines.finalNewline();
    return MergeResult.clean(new TextLines(merged, finalNewline).text());
  }

  private static List<Hunk> hunks(List<String> base, List<String> side, boolean local) {
    List<Hunk> hunks = new ArrayList<>();
    for (AbstractDelta<String> delta : DiffUtils.diff(base, side).getDeltas()) {
      int start = delta.getSource().getPosition();
      hunks.add(
          new Hunk(start, start + delta.getSource().size(), delta.getTarget().getLines(), local));
    }
    return hunks;
  }

  /** The lines one side made of base[start, end), given the group's hunks. */
  private static List<String> apply(
      List<String> base, int start, int end, List<Hunk> group, boolean local) {
    List<String> out = new ArrayList<>();
    int at = start;
    for (Hunk hunk : group) {
      if (hunk.local() != local) {
        continue;
      }
      out.addAll(base.subList(at, hunk.start()));
      out.addAll(hunk.lines());
      at = hunk.end();
    }
    out.addAll(base.subList(at, end));
    return out;
  }

  private static String describe(int start, int end) {
    if (end <= start) {
      return "both sides inserted different lines after base line " + start;
    }
    if (end - start == 1) {
      return "both sides changed base line " + (start + 1) + " (or a line next to it) differently";
    }
    return "both sides changed base lines "
        + (start + 1)
        + "-"
        + end
        + " (or lines next to them) differently";
  }

  /** One side's replacement of base lines [start, end). */
  private record Hunk(int start, int end, List<String> lines, boolean local) {
    Hunk {
      lines = List.copyOf(lines);
    }
  }
}

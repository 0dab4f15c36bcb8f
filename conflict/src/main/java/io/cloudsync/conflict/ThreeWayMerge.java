package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>A side that differs from the base by more than {@value #MAX_CHANGED_LINES} inserted and
 * deleted lines is not merged: the diff's cost grows with the number of changes, and a rewrite of
 * that size is better kept whole than interleaved.
 */
public final class ThreeWayMerge {
  /** The most inserted plus deleted lines, per side, that a merge will diff. */
  public static final int MAX_CHANGED_LINES = 1000;

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
    try {
      hunks.addAll(hunks(baseLines.lines(), localLines.lines(), true));
      hunks.addAll(hunks(baseLines.lines(), remoteLines.lines(), false));
    } catch (TooManyChanges e) {
      return MergeResult.conflicted(
          e.side + " changes more than " + MAX_CHANGED_LINES + " lines; too many to merge");
    }
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
    if (leastChangedLines(base, side) > MAX_CHANGED_LINES) {
      throw new TooManyChanges(local);
    }
    DiffAlgorithmListener budget =
        new DiffAlgorithmListener() {
          @Override
          public void diffStart() {}

          @Override
          public void diffStep(int step, int max) {
            // Myers' algorithm takes one step per inserted or deleted line it has to explain.
            if (step > MAX_CHANGED_LINES) {
              throw new TooManyChanges(local);
            }
          }

          @Override
          public void diffEnd() {}
        };
    List<Hunk> hunks = new ArrayList<>();
    for (AbstractDelta<String> delta :
        DiffUtils.diff(base, side, new MyersDiff<String>(), budget).getDeltas()) {
      int start = delta.getSource().getPosition();
      hunks.add(
          new Hunk(start, start + delta.getSource().size(), delta.getTarget().getLines(), local));
    }
    return hunks;
  }

  /**
   * A lower bound of the inserted plus deleted lines between two texts, in linear time: every line
   * of one that the other lacks must be inserted or deleted. A rewrite is refused here without
   * running the diff at all.
   */
  private static int leastChangedLines(List<String> base, List<String> side) {
    Map<String, Integer> balance = new HashMap<>();
    for (String line : base) {
      balance.merge(line, 1, Integer::sum);
    }
    for (String line : side) {
      balance.merge(line, -1, Integer::sum);
    }
    int changed = 0;
    for (int difference : balance.values()) {
      changed += Math.abs(difference);
    }
    return changed;
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

  /** Raised inside the diff when a side changes more lines than a merge will take on. */
  private static final class TooManyChanges extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String side;

    TooManyChanges(boolean local) {
      super(null, null, false, false);
      this.side = local ? "local" : "remote";
    }
  }

  /** One side's replacement of base lines [start, end). */
  private record Hunk(int start, int end, List<String> lines, boolean local) {
    Hunk {
      lines = List.copyOf(lines);
    }
  }
}

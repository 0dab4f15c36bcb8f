package io.cloudsync.testkit;

import io.cloudsync.storage.ByteSizes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** The command line of {@link TreeGenerator#main}: parses options, runs, prints one line. */
final class TreeGeneratorCommand {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int LOCAL_IO = 8;

  static final String USAGE_TEXT =
      """
      usage: TreeGenerator [--files N] [--folders N] [--min SIZE] [--max SIZE]
                           [--large N] [--large-size SIZE] [--seed N] DIR
             TreeGenerator --mutate FRACTION [--seed N] DIR
        Writes a deterministic tree into DIR (missing or empty), or edits, adds and
        deletes FRACTION (0 to 1) of the files of the tree in DIR. Sizes: 512, 1K, 64K, 32M.
        Defaults: --files 1000 --folders 10 --min 1K --max 64K --large 0 --large-size 32M --seed 1""";

  private TreeGeneratorCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    int files = 1000;
    int folders = 10;
    long min = 1024;
    long max = 64 * 1024;
    int large = 0;
    long largeSize = 32L * 1024 * 1024;
    long seed = 1;
    Double mutate = null;
    Path dir = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          out.println(USAGE_TEXT);
          return OK;
        }
        if (!arg.startsWith("--")) {
          if (dir != null) {
            throw new IllegalArgumentException("one DIR only; got '" + dir + "' and '" + arg + "'");
          }
          dir = Path.of(arg);
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        String value = args[++i];
        switch (arg) {
          case "--files" -> files = count(arg, value);
          case "--folders" -> folders = count(arg, value);
          case "--min" -> min = size(arg, value);
          case "--max" -> max = size(arg, value);
          case "--large" -> large = count(arg, value);
          case "--large-size" -> largeSize = size(arg, value);
          case "--seed" -> seed = number(arg, value);
          case "--mutate" -> mutate = fraction(arg, value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (dir == null) {
        throw new IllegalArgumentException("DIR is missing");
      }
      if (mutate != null) {
        TreeGenerator.Mutation m = TreeGenerator.mutate(dir, mutate, seed);
        out.printf(
            "mutated %s: %d edited, %d added, %d deleted%n",
            dir, m.edited().size(), m.added().size(), m.deleted().size());
      } else {
        TreeGenerator.Tree tree =
            TreeGenerator.generate(
                new TreeSpec(files, folders, min, max, large, largeSize, seed), dir);
        out.printf(
            Locale.ROOT,
            "generated %,d files (%s) in %,d folders under %s%n",
            tree.files(),
            ByteSizes.human(tree.bytes()),
            tree.folders(),
            dir);
      }
      return OK;
    } catch (IllegalArgumentException e) {
      err.println("TreeGenerator: " + e.getMessage() + " (--help for usage)");
      return USAGE;
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("TreeGenerator: " + e.getMessage());
      return LOCAL_IO;
    }
  }

  private static int count(String option, String value) {
    long n = number(option, value);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(option + " must be a count from 0, got " + value);
    }
    return (int) n;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
    }
  }

  private static long size(String option, String value) {
    try {
      return ByteSizes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  private static double fraction(String option, String value) {
    try {
      double f = Double.parseDouble(value);
      if (f >= 0 && f <= 1) {
        return f;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " needs a fraction from 0 to 1, got '" + value + "'");
  }
}

package io.cloudsync.testkit;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes deterministic test trees into a folder and mutates them deterministically, for tests and
 * benchmarks. The same {@link TreeSpec} always yields the same folders, names, sizes and bytes;
 * half of the files are text ({@code .txt}, {@code .md}: lines of words, so merges have something
 * to work on), half binary ({@code .bin}). Content is streamed to disk, so large files cost no
 * heap.
 *
 * <p>From a shell: {@code java -cp … io.cloudsync.testkit.TreeGenerator --files 10000 --folders 100
 * --min 1K --max 64K --large 20 --large-size 32M --seed 1 DIR}, or {@code --mutate 0.1 --seed 2
 * DIR} to edit, add and delete a tenth of the files of an existing tree.
 */
public final class TreeGenerator {
  private static final int MAX_DEPTH = 6;
  private static final byte[][] WORDS =
      Stream.of(
              "alpha",
              "bravo",
              "cloud",
              "delta",
              "echo",
              "file",
              "sync",
              "bucket",
              "merge",
              "local",
              "remote",
              "journal",
              "version",
              "token",
              "offline",
              "queue",
              "cache",
              "hash",
              "stream",
              "conflict",
              "base",
              "plan",
              "retry",
              "latency",
              "the",
              "a",
              "of",
              "and",
              "to",
              "in",
              "is",
              "it")
          .map(w -> w.getBytes(StandardCharsets.US_ASCII))
          .toArray(byte[][]::new);

  private TreeGenerator() {}

  /**
   * What a generation wrote.
   *
   * @param root the folder written into
   * @param files how many files, large ones included
   * @param folders how many folders below the root
   * @param bytes their total size
   */
  public record Tree(Path root, int files, int folders, long bytes) {}

  /**
   * What a mutation did, as {@code /}-separated paths relative to the root, sorted.
   *
   * @param edited files rewritten with other content
   * @param added files created
   * @param deleted files removed
   */
  public record Mutation(List<String> edited, List<String> added, List<String> deleted) {
    /** Copies the lists. */
    public Mutation {
      edited = List.copyOf(edited);
      added = List.copyOf(added);
      deleted = List.copyOf(deleted);
    }

    /** How many files changed in any way. */
    public int total() {
      return edited.size() + added.size() + deleted.size();
    }
  }

  /**
   * Writes the tree {@code spec} describes into {@code root}, which must be missing or empty.
   *
   * @throws IOException when {@code root} has content already or a write fails
   */
  public static Tree generate(TreeSpec spec, Path root) throws IOException {
    requireNonNull(spec, "spec is null");
    requireNonNull(root, "root is null");
    Files.createDirectories(root);
    try (Stream<Path> existing = Files.list(root)) {
      if (existing.findAny().isPresent()) {
        throw new IOException(root + ": not empty; trees are generated into an empty folder");
      }
    }
    SplittableRandom random = new SplittableRandom(spec.seed());
    List<String> folders = folders(spec.folders(), random);
    for (String folder : folders) {
      Files.createDirectories(root.resolve(folder));
    }
    long bytes = 0;
    for (int i = 0; i < spec.files(); i++) {
      String folder = pick(folders, random);
      boolean text = random.nextBoolean();
      String name = "file-%06d.%s".formatted(i, text ? (i % 5 == 0 ? "md" : "txt") : "bin");
      long size = logUniform(spec.minSize(), spec.maxSize(), random);
      writeContent(root.resolve(folder).resolve(name), size, random.nextLong(), text);
      bytes += size;
    }
    for (int i = 0; i < spec.largeFiles(); i++) {
      String folder = pick(folders, random);
      Path file = root.resolve(folder).resolve("large-%03d.bin".formatted(i));
      writeContent(file, spec.largeSize(), random.nextLong(), false);
      bytes += spec.largeSize();
    }
    return new Tree(root, spec.files() + spec.largeFiles(), spec.folders(), bytes);
  }

  /**
   * Changes about {@code fraction} of the files under {@code root} (rounded), chosen and changed by
   * {@code seed}: half are edited (new content of a similar size, a later modification time), a
   * quarter deleted, and next to a quarter a new file is added. Folders named {@code .cloudsync}
   * are left alone.
   */
  public static Mutation mutate(Path root, double fraction, long seed) throws IOException {
    requireNonNull(root, "root is null");
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction is between 0 and 1, got " + fraction);
    }
    List<String> files = files(root);
    List<String> chosen = new ArrayList<>(files);
    Collections.shuffle(chosen, new Random(seed));
    chosen = chosen.subList(0, (int) Math.round(fraction * files.size()));
    SplittableRandom random = new SplittableRandom(seed);
    List<String> edited = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      String name = chosen.get(i);
      Path file = root.resolve(name);
      long size = Files.size(file);
      double roll = random.nextDouble();
      long contentSeed = random.nextLong();
      if (roll < 0.5) {
        FileTime before = Files.getLastModifiedTime(file);
        long newSize = Math.max(1, size / 2 + random.nextLong(size + 1));
        writeContent(file, newSize, contentSeed, isText(name));
        Instant later = before.toInstant().plusSeconds(2);
        Instant now = Instant.now();
        Files.setLastModifiedTime(file, FileTime.from(later.isAfter(now) ? later : now));
        edited.add(name);
      } else if (roll < 0.75) {
        Files.delete(file);
        deleted.add(name);
      } else {
        int slash = name.lastIndexOf('/');
        String added1 = name.substring(0, slash + 1) + "added-%d-%05d.txt".formatted(seed, i);
        writeContent(root.resolve(added1), Math.max(1, size), contentSeed, true);
        added.add(added1);
      }
    }
    Collections.sort(edited);
    Collections.sort(added);
    Collections.sort(deleted);
    return new Mutation(edited, added, deleted);
  }

  /** Runs the generator from a shell; see the class description. Exits 2 on a usage error. */
  public static void main(String[] args) {
    int code = TreeGeneratorCommand.run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Every regular file under {@code root}, as sorted {@code /}-separated relative paths. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".cloudsync/") && !p.contains("/.cloudsync/"))
          .sorted()
          .toList();
    }
  }

  private static List<String> folders(int count, SplittableRandom random) {
    List<String> folders = new ArrayList<>(count + 1);
    folders.add("");
    for (int i = 0; i < count; i++) {
      String parent = random.nextInt(3) == 0 ? "" : folders.get(random.nextInt(folders.size()));
      if (parent.chars().filter(c -> c == '/').count() >= MAX_DEPTH - 1) {
        parent = "";
      }
      folders.add(parent + "dir-%04d/".formatted(i));
    }
    return folders;
  }

  private static String pick(List<String> folders, SplittableRandom random) {
    return folders.get(random.nextInt(folders.size()));
  }

  private static long logUniform(long min, long max, SplittableRandom random) {
    if (min == max) {
      return min;
    }
    double low = Math.log(min + 1.0);
    double high = Math.log(max + 1.0);
    long size = Math.round(Math.exp(low + random.nextDouble() * (high - low)) - 1);
    return Math.clamp(size, min, max);
  }

  private static boolean isText(String name) {
    return name.endsWith(".txt") || name.endsWith(".md");
  }

  private static void writeContent(Path file, long size, long seed, boolean text)
      throws IOException {
    if (!text) {
      try (InputStream in = new GeneratedContent(size, seed)) {
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return;
    }
    SplittableRandom random = new SplittableRandom(seed);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      long written = 0;
      int column = 0;
      while (written < size) {
        byte[] word = WORDS[random.nextInt(WORDS.length)];
        if (column > 0 && (column + word.length >= 72 || random.nextInt(12) == 0)) {
          out.write('\n');
          written++;
          column = 0;
          continue;
        }
        if (column > 0) {
          out.write(' ');
          written++;
          column++;
        }
        int n = (int) Math.min(word.length, size - written);
        out.write(word, 0, n);
        written += n;
        column += n;
      }
    }
  }
}

package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ContentHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeGeneratorTest {
  @TempDir Path temp;

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (String file : TreeGenerator.files(root)) {
      hashes.put(file, ContentHasher.sha256().hash(root.resolve(file)).hex());
    }
    return hashes;
  }

  @Test
  void writesTheAskedNumberOfFilesAndFoldersWithinTheSizeRange() throws IOException {
    TreeGenerator.Tree tree =
        TreeGenerator.generate(TreeSpec.of(300, 25, 1).withSizes(100, 5000), temp.resolve("t"));

    List<String> files = TreeGenerator.files(temp.resolve("t"));
    long folders;
    try (Stream<Path> walk = Files.walk(temp.resolve("t"))) {
      folders = walk.filter(Files::isDirectory).count() - 1;
    }
    long total = 0;
    for (String file : files) {
      long size = Files.size(temp.resolve("t").resolve(file));
      assertThat(size).as(file).isBetween(100L, 5000L);
      total += size;
    }
    assertThat(files).hasSize(300);
    assertThat(folders).isEqualTo(25);
    assertThat(tree.files()).isEqualTo(300);
    assertThat(tree.bytes()).isEqualTo(total);
    assertThat(files).anyMatch(f -> f.endsWith(".txt")).anyMatch(f -> f.endsWith(".bin"));
  }

  @Test
  void theSameSpecGivesTheSameTreeByteForByte() throws IOException {
    TreeSpec spec = TreeSpec.of(120, 12, 77);
    TreeGenerator.generate(spec, temp.resolve("a"));
    TreeGenerator.generate(spec, temp.resolve("b"));
    TreeGenerator.generate(TreeSpec.of(120, 12, 78), temp.resolve("c"));

    assertThat(snapshot(temp.resolve("b"))).isEqualTo(snapshot(temp.resolve("a")));
    assertThat(snapshot(temp.resolve("c"))).isNotEqualTo(snapshot(temp.resolve("a")));
  }

  @Test
  void writesLargeFilesOfTheExactSize() throws IOException {
    TreeGenerator.generate(
        TreeSpec.of(5, 2, 3).withLargeFiles(2, 3 * 1024 * 1024 + 5), temp.resolve("big"));

    List<String> large =
        TreeGenerator.files(temp.resolve("big")).stream()
            .filter(f -> f.contains("large-"))
            .toList();
    assertThat(large).hasSize(2);
    for (String file : large) {
      assertThat(Files.size(temp.resolve("big").resolve(file))).isEqualTo(3 * 1024 * 1024 + 5);
    }
  }

  @Test
  void textFilesHoldLinesOfWords() throws IOException {
    TreeGenerator.generate(TreeSpec.of(40, 0, 5).withSizes(2000, 2000), temp.resolve("txt"));

    String text =
        Files.readString(
            temp.resolve("txt")
                .resolve(
                    TreeGenerator.files(temp.resolve("txt")).stream()
                        .filter(f -> f.endsWith(".txt"))
                        .findFirst()
                        .orElseThrow()),
            StandardCharsets.US_ASCII);
    assertThat(text).hasSize(2000).contains("\n").matches("[a-z \\n]+");
  }

  @Test
  void refusesAFolderThatIsNotEmpty() throws IOException {
    Files.writeString(temp.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> TreeGenerator.generate(TreeSpec.of(1, 0, 1), temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not empty");
    assertThat(Files.readString(temp.resolve("keep.txt"))).isEqualTo("mine");
  }

  @Test
  void mutatesTheGivenFractionDeterministically() throws IOException {
    TreeSpec spec = TreeSpec.of(200, 10, 9);
    TreeGenerator.generate(spec, temp.resolve("a"));
    TreeGenerator.generate(spec, temp.resolve("b"));
    Map<String, String> before = snapshot(temp.resolve("a"));

    TreeGenerator.Mutation first = TreeGenerator.mutate(temp.resolve("a"), 0.1, 4);
    TreeGenerator.Mutation second = TreeGenerator.mutate(temp.resolve("b"), 0.1, 4);
    Map<String, String> after = snapshot(temp.resolve("a"));

    assertThat(first).isEqualTo(second);
    assertThat(snapshot(temp.resolve("b"))).isEqualTo(after);
    assertThat(first.total()).isEqualTo(20);
    assertThat(first.edited()).isNotEmpty().allMatch(f -> !after.get(f).equals(before.get(f)));
    assertThat(first.deleted()).isNotEmpty().allMatch(f -> !after.containsKey(f));
    assertThat(first.added())
        .isNotEmpty()
        .allMatch(f -> after.containsKey(f) && !before.containsKey(f));
    assertThat(after).hasSize(200 - first.deleted().size() + first.added().size());
  }

  @Test
  void anEditMovesTheModificationTimeForward() throws IOException {
    TreeGenerator.generate(TreeSpec.of(50, 3, 2), temp.resolve("m"));
    Map<String, Long> times = new LinkedHashMap<>();
    for (String f : TreeGenerator.files(temp.resolve("m"))) {
      times.put(f, Files.getLastModifiedTime(temp.resolve("m").resolve(f)).toMillis());
    }

    TreeGenerator.Mutation mutation = TreeGenerator.mutate(temp.resolve("m"), 0.5, 8);

    for (String f : mutation.edited()) {
      assertThat(Files.getLastModifiedTime(temp.resolve("m").resolve(f)).toMillis())
          .isGreaterThanOrEqualTo(times.get(f) + 2000);
    }
  }

  @Test
  void mutationLeavesTheJournalFolderAlone() throws IOException {
    TreeGenerator.generate(TreeSpec.of(10, 1, 2), temp.resolve("w"));
    Files.createDirectories(temp.resolve("w/.cloudsync"));
    Files.writeString(temp.resolve("w/.cloudsync/state.db"), "journal");

    TreeGenerator.mutate(temp.resolve("w"), 1.0, 3);

    assertThat(Files.readString(temp.resolve("w/.cloudsync/state.db"))).isEqualTo("journal");
  }

  @Test
  void theCommandLineGeneratesAndMutates() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String dir = temp.resolve("cli").toString();

    int generated =
        TreeGeneratorCommand.run(
            new String[] {
              "--files",
              "30",
              "--folders",
              "4",
              "--min",
              "1K",
              "--max",
              "4K",
              "--large",
              "1",
              "--large-size",
              "1M",
              "--seed",
              "1",
              dir
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int mutated =
        TreeGeneratorCommand.run(
            new String[] {"--mutate", "0.5", "--seed", "2", dir},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(generated).isZero();
    assertThat(mutated).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("generated 31 files (")
        .contains("in 4 folders under " + dir)
        .contains("mutated " + dir + ": ");
  }

  @Test
  void theCommandLineRejectsBadInputWithOneLineAndExitCodeTwo() {
    for (String[] args :
        List.of(
            new String[] {"--files", "many", "x"},
            new String[] {"--min", "big", "x"},
            new String[] {"--mutate", "1.5", "x"},
            new String[] {"--colour", "red", "x"},
            new String[] {"--files", "3"},
            new String[] {"--seed"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code =
          TreeGeneratorCommand.run(
              args,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .startsWith("TreeGenerator: ")
          .endsWith("(--help for usage)" + System.lineSeparator())
          .hasLineCount(1);
    }
  }
}

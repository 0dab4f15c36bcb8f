package io.cloudsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and folder under some roots, with sizes: proves that a failed command wrote nothing.
 */
final class FolderSnapshot {
  private FolderSnapshot() {}

  static Map<String, Long> of(Path... roots) {
    Map<String, Long> entries = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        entries.put(root + " (absent)", -1L);
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.forEach(
            p -> {
              try {
                entries.put(p.toString(), Files.isDirectory(p) ? -2L : Files.size(p));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return entries;
  }
}

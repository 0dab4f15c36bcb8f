package io.cloudsync.engine.exec;

import io.cloudsync.engine.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The base contents kept for three-way merges ({@code .cloudsync/base/<sha256>}) that the journal
 * no longer refers to. A base is needed while some key's journal entry (its last synced version)
 * has that hash; once every such entry has moved on or gone, the copy is dead weight. Pruned at the
 * end of each run, under the workspace's lock, so no other run can be adding one.
 */
public final class BaseContents {
  private BaseContents() {}

  /**
   * Deletes every file in {@code baseDir} whose name is not the hash of one of {@code entries},
   * temp files left by an interrupted copy included. The entries are read only when there is a base
   * folder at all: most workspaces never keep a base, and a run should not read its whole journal
   * again for nothing.
   *
   * @return how many files were deleted
   */
  public static int prune(Path baseDir, Supplier<Collection<JournalEntry>> entries)
      throws IOException {
    if (!Files.isDirectory(baseDir)) {
      return 0;
    }
    Set<String> referenced = new HashSet<>();
    for (JournalEntry entry : entries.get()) {
      referenced.add(entry.hash().hex());
    }
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(baseDir)) {
      for (Path file : files) {
        if (!referenced.contains(file.getFileName().toString())) {
          try {
            Files.delete(file);
            deleted++;
          } catch (NoSuchFileException e) {
            // Already gone.
          }
        }
      }
    }
    return deleted;
  }
}

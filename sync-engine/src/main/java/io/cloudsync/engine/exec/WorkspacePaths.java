package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import java.nio.file.Path;

/**
 * The places of one workspace: its files, and under {@code .cloudsync/} the journal, the temp
 * folder for downloads, the trash and the kept base contents.
 *
 * @param root the workspace folder
 */
public record WorkspacePaths(Path root) {

  /** Validates the root. */
  public WorkspacePaths {
    requireNonNull(root, "root is null");
  }

  /** {@code .cloudsync/}. */
  public Path stateDir() {
    return root.resolve(".cloudsync");
  }

  /** Where downloads are written before their atomic rename. */
  public Path tmpDir() {
    return stateDir().resolve("tmp");
  }

  /** Where local deletions of one run go. */
  public Path trashDir(String runStamp) {
    return stateDir().resolve("trash").resolve(runStamp);
  }

  /** Where base contents are kept for three-way merges, by hash. */
  public Path baseDir() {
    return stateDir().resolve("base");
  }

  /**
   * The file of {@code key}. A valid key has no {@code ..}, no empty segment and no leading {@code
   * /}, so the result always lies under the root.
   */
  public Path file(ObjectKey key) {
    Path p = root;
    for (String segment : key.segments()) {
      p = p.resolve(segment);
    }
    return p;
  }
}

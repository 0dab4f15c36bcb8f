package io.cloudsync.engine.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a workspace holds for its user: every file outside {@code .cloudsync/}, with its text. */
public final class WorkspaceTree {
  private WorkspaceTree() {}

  /** Relative path ('/'-separated) to content, sorted; the state folder left out. */
  public static Map<String, String> read(Path ws) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(ws)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = ws.relativize(p).toString().replace(ws.getFileSystem().getSeparator(), "/");
        if (!rel.startsWith(".cloudsync/")) {
          out.put(rel, Files.readString(p));
        }
      }
    }
    return out;
  }
}

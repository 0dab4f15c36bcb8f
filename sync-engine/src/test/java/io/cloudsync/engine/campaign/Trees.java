package io.cloudsync.engine.campaign;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.storage.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Snapshots of workspaces and remotes as key → SHA-256, and the journal's agreement with them. */
final class Trees {
  private Trees() {}

  /** Every workspace file outside {@code .cloudsync/}, as {@code /}-separated key → SHA-256 hex. */
  static Map<String, String> local(Path workspace) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(workspace)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String key = workspace.relativize(p).toString().replace('\\', '/');
        if (!key.startsWith(".cloudsync/")) {
          out.put(key, hash(p));
        }
      }
    }
    return out;
  }

  /** Every remote object as key → SHA-256 hex of its bytes (read, not trusted from metadata). */
  static Map<String, String> remote(StorageBackend backend) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<RemoteFile> files = new ArrayList<>();
    try (Stream<ListEntry> entries = backend.listEntries("")) {
      entries.forEach(
          e -> {
            if (e instanceof RemoteFile f) {
              files.add(f);
            }
          });
    }
    for (RemoteFile f : files) {
      try (InputStream in = backend.read(f.key())) {
        out.put(f.key().value(), ContentHasher.sha256().hash(in).hex());
      }
    }
    return out;
  }

  static String hash(Path file) throws IOException {
    return ContentHasher.sha256().hash(file).hex();
  }

  static String hash(byte[] content) {
    return ContentHasher.sha256().hash(content).hex();
  }

  /**
   * The journal rows of {@code workspace} that do not match both sides: each row must name a file
   * in the workspace with the row's content, and a remote object of the row's version with the same
   * content. Returns one line per mismatch (empty when consistent).
   */
  static List<String> journalMismatches(Path workspace, StorageBackend store) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, String> local = local(workspace);
    Map<io.cloudsync.core.ObjectKey, JournalEntry> rows;
    try (Journal journal = Journal.open(workspace.resolve(".cloudsync"))) {
      rows = journal.entries();
    }
    for (JournalEntry row : rows.values()) {
      String key = row.key().value();
      String hex = row.hash().hex();
      if (!hex.equals(local.get(key))) {
        problems.add(key + ": journal says " + hex + ", workspace has " + local.get(key));
      }
      Optional<RemoteFile> remote = store.stat(row.key());
      if (remote.isEmpty()) {
        problems.add(key + ": in the journal, missing on the remote");
        continue;
      }
      if (!remote.get().version().equals(row.remoteVersion())) {
        problems.add(
            key
                + ": journal version "
                + row.remoteVersion()
                + ", remote version "
                + remote.get().version());
      }
      String remoteHash;
      try (InputStream in = store.read(row.key())) {
        remoteHash = ContentHasher.sha256().hash(in).hex();
      }
      if (!hex.equals(remoteHash)) {
        problems.add(key + ": journal says " + hex + ", remote has " + remoteHash);
      }
    }
    return problems;
  }
}

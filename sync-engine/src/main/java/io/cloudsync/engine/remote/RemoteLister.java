package io.cloudsync.engine.remote;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.scan.IgnoreRules;
import io.cloudsync.storage.StorageBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists the whole remote (under the backend's root) once per run. Change is detected by comparing
 * version tokens with the journal, so nothing is downloaded to find out what moved. Objects whose
 * names are not valid keys ({@code ../x}, {@code /abs}, {@code a//b}) are reported and never become
 * keys, so they can never be written anywhere in (or outside) the workspace.
 */
public final class RemoteLister {
  private final StorageBackend backend;
  private final IgnoreRules rules;

  /**
   * @param backend the remote
   * @param rules the workspace's ignore rules, applied to remote keys too
   */
  public RemoteLister(StorageBackend backend, IgnoreRules rules) {
    this.backend = requireNonNull(backend, "backend is null");
    this.rules = requireNonNull(rules, "rules is null");
  }

  /** Lists everything. */
  public RemoteSnapshot list() {
    Map<ObjectKey, RemoteFile> files = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    try (Stream<ListEntry> entries = backend.listEntries("")) {
      entries.forEach(
          entry -> {
            switch (entry) {
              case RemoteFile file -> {
                if (!rules.ignoresFile(file.key().value())) {
                  files.put(file.key(), file);
                }
              }
              case RejectedKey rejected ->
                  skipped.add(
                      "remote object '"
                          + rejected.printableName()
                          + "' skipped: "
                          + rejected.reason());
            }
          });
    }
    return new RemoteSnapshot(files, skipped);
  }
}

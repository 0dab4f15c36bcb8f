package io.cloudsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.storage.ByteSizes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a sync result for people or, with {@code --json}, for programs. */
final class SyncReport {
  private SyncReport() {}

  static void print(SyncResult r, Path workspace, boolean json, boolean quiet, Invocation out) {
    if (json) {
      out.out().println(json(r));
      return;
    }
    if (!quiet) {
      for (String notice : r.notices()) {
        out.err().println("note: " + notice);
      }
    }
    for (String error : r.errors()) {
      out.err().println("error: " + error);
    }
    if (quiet) {
      return;
    }
    if (r.dryRun()) {
      out.out().println("Plan for " + workspace + " (dry run, nothing changed):");
      for (SyncOperation op : r.plan()) {
        out.out()
            .println(
                String.format(
                    Locale.ROOT,
                    "  %-13s %s  (%s)",
                    op.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    op.key(),
                    op.reason()));
      }
      out.out()
          .println(
              r.plan().isEmpty()
                  ? "  nothing to do: in step"
                  : "  " + r.plan().size() + " actions");
      return;
    }
    out.out()
        .println(
            String.format(
                Locale.ROOT,
                "Synced %s: %d uploaded (%s), %d downloaded (%s), %d deleted remotely, %d deleted locally,"
                    + " %d conflicts (%d open), %d skipped, %.1f s",
                workspace,
                r.uploaded(),
                ByteSizes.human(r.bytesUploaded()),
                r.downloaded(),
                ByteSizes.human(r.bytesDownloaded()),
                r.deletedRemote(),
                r.deletedLocal(),
                r.conflicts(),
                r.openConflicts(),
                r.skipped(),
                r.durationMs() / 1000.0));
    if (r.openConflicts() > 0) {
      out.out().println("Open conflicts: see `cloudsync conflicts list`.");
    }
    if (!r.errors().isEmpty()) {
      out.out()
          .println(r.errors().size() + " actions failed; run `cloudsync sync` again to finish.");
    }
  }

  static String json(SyncResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dryRun", r.dryRun());
    m.put("uploaded", r.uploaded());
    m.put("downloaded", r.downloaded());
    m.put("deletedRemote", r.deletedRemote());
    m.put("deletedLocal", r.deletedLocal());
    m.put("conflicts", r.conflicts());
    m.put("openConflicts", r.openConflicts());
    m.put("skipped", r.skipped());
    m.put("bytesUploaded", r.bytesUploaded());
    m.put("bytesDownloaded", r.bytesDownloaded());
    m.put("durationMs", r.durationMs());
    List<Map<String, Object>> plan =
        r.plan().stream()
            .map(
                op -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("type", op.type().name());
                  o.put("key", op.key().value());
                  o.put("bytes", op.bytes());
                  o.put("reason", op.reason());
                  return o;
                })
            .toList();
    if (r.dryRun()) {
      m.put("plan", plan);
    }
    m.put("notices", r.notices());
    m.put("errors", r.errors());
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}

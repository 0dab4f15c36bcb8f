package io.cloudsync.engine.support;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.MaxDelete;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.SyncOptions;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A sync run in its own process, for crash tests: {@code SyncMain <workspace> <remote-folder>
 * <write-log>}. Every completed remote write appends its key to the write log.
 */
public final class SyncMain {
  private SyncMain() {}

  /** Runs one sync and exits 0, or 1 when actions failed. */
  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[2]);
    StorageBackend local = StorageProviders.load().open(BackendConfig.isolated("local:" + args[1]));
    StorageBackend logged =
        new ForwardingBackend(local) {
          @Override
          public RemoteFile write(
              ObjectKey key, InputStream in, long len, Map<String, String> meta, WriteCondition c) {
            RemoteFile written = super.write(key, in, len, meta, c);
            append(log, key.value() + "\n");
            return written;
          }
        };
    SyncResult r =
        new SyncEngine(
                Path.of(args[0]), logged, ResolverPolicies.keepBoth(Clock.system()), Clock.system())
            .sync(SyncOptions.defaults().withMaxDelete(MaxDelete.parse("100%")), SyncListener.NONE);
    System.out.println(
        "uploaded=" + r.uploaded() + " downloaded=" + r.downloaded() + " errors=" + r.errors());
    System.exit(r.errors().isEmpty() ? 0 : 1);
  }

  private static synchronized void append(Path log, String line) {
    try {
      Files.writeString(
          log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

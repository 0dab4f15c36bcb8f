package io.cloudsync.adapter.local;

import io.cloudsync.storage.StorageBackend;
import io.cloudsync.testkit.StorageBackendContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against a folder on disk. */
class LocalStorageBackendContractTest extends StorageBackendContract {
  @TempDir Path root;
  private LocalStorageBackend backend;

  @Override
  protected StorageBackend backend() {
    if (backend == null) {
      backend = new LocalStorageBackend(root);
    }
    return backend;
  }

  /**
   * Plants a file by hand, as another program would. A folder cannot hold a name with an empty,
   * {@code .} or {@code ..} segment (the path would collapse or climb), so those are declined and
   * the case is skipped; any other name is written as it is.
   */
  @Override
  protected boolean plantRawObject(String rawName, byte[] content) {
    if (rawName.startsWith("/")) {
      return false;
    }
    for (String segment : rawName.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    try {
      Path file = root.resolve(rawName);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

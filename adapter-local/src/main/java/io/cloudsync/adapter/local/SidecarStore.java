package io.cloudsync.adapter.local;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The sidecar records, one file per key under {@code <root>/.cloudsync-store/meta/}, named by the
 * SHA-256 of the key: fixed-length names never hit a file-name limit, never clash with a folder of
 * the same name, and the data tree stays exactly the user's files.
 */
final class SidecarStore {
  private final Path metaDir;
  private final Durability durability;

  SidecarStore(Path storeDir, Durability durability) {
    this.metaDir = storeDir.resolve("meta");
    this.durability = durability;
  }

  /** Where the record of {@code key} lives. */
  Path pathOf(ObjectKey key) {
    String hex = ContentHasher.sha256().hash(key.value().getBytes(StandardCharsets.UTF_8)).hex();
    return metaDir.resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  /** The record of {@code key}, or empty when there is none or it is damaged or foreign. */
  Optional<Sidecar> read(ObjectKey key) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(pathOf(key));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Sidecar.decode(bytes).filter(sidecar -> sidecar.key().equals(key.value()));
  }

  /** Replaces the record of {@code key} atomically, and durably as the backend's batches say. */
  void write(ObjectKey key, Sidecar sidecar) throws IOException {
    Path path = pathOf(key);
    Files.createDirectories(path.getParent());
    DurableFiles.writeAtomically(path, sidecar.encode(), durability);
  }

  /** Removes the record of {@code key}, if any. */
  void delete(ObjectKey key) throws IOException {
    Path path = pathOf(key);
    if (Files.deleteIfExists(path)) {
      durability.forceFolder(path.getParent());
    }
  }
}

package io.cloudsync.adapter.local;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The provider of the embedded default backend, a folder on this machine: {@code local:/path},
 * {@code local:///path}, {@code file:///path}. A relative path ({@code local:data/remote}) is
 * resolved against the process's working folder. The folder need not exist to open the backend;
 * every call but {@code createBucket()} then fails with a message saying how to create it.
 */
public final class LocalStorageProvider implements StorageProvider {

  /** Creates the provider; it holds nothing. */
  public LocalStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("local", "file");
  }

  @Override
  public String description() {
    return "A folder on this machine (local:/path, file:///path)";
  }

  @Override
  public StorageBackend open(BackendConfig config) {
    return new LocalStorageBackend(rootOf(config.uri()));
  }

  /**
   * The absolute root folder a local URI names.
   *
   * @throws InvalidConfigException when the URI is not a folder URI or its path is not valid here
   */
  static Path rootOf(BackendUri uri) {
    if (!uri.isLocalFolder()) {
      throw new InvalidConfigException(
          uri.toString(), "not a local folder URI; expected local:/path or file:///path");
    }
    try {
      return Path.of(uri.path()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidConfigException(
          uri.toString(), "not a valid path on this system: " + e.getReason(), e);
    }
  }
}

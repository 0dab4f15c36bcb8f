package io.cloudsync.storage;

import java.util.Set;

/**
 * The service-provider interface a provider JAR implements and lists in {@code
 * META-INF/services/io.cloudsync.storage.StorageProvider}. Putting the JAR on the class path is all
 * it takes for its schemes to work.
 *
 * <p>Implementations have a public no-argument constructor and must be cheap to construct: the
 * provider is instantiated only to learn its schemes; SDK clients are created in {@link #open}.
 */
public interface StorageProvider {

  /** The URI schemes this provider serves, lower case, such as {@code s3}. */
  Set<String> schemes();

  /** A one-line description, such as {@code "Amazon S3 and S3-compatible stores"}. */
  String description();

  /**
   * Opens a backend for {@code config}. Checks the settings, not the network: an unreachable or
   * missing bucket shows on first use or in {@link StorageBackend#describe()}.
   *
   * @throws InvalidConfigException when a setting is missing or malformed
   */
  StorageBackend open(BackendConfig config);
}

package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The providers found on the class path, by scheme. */
public final class StorageProviders {
  private final Map<String, StorageProvider> byScheme;

  private StorageProviders(Map<String, StorageProvider> byScheme) {
    this.byScheme = byScheme;
  }

  /** Finds every {@link StorageProvider} through {@link ServiceLoader}. */
  public static StorageProviders load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  /** Finds every {@link StorageProvider} visible to {@code loader}. */
  public static StorageProviders load(ClassLoader loader) {
    return of(
        ServiceLoader.load(StorageProvider.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /**
   * The given providers; the first to claim a scheme keeps it.
   *
   * @throws IllegalArgumentException when a provider claims no scheme
   */
  public static StorageProviders of(List<StorageProvider> providers) {
    Map<String, StorageProvider> byScheme = new TreeMap<>();
    for (StorageProvider provider : requireNonNull(providers, "providers is null")) {
      if (provider.schemes().isEmpty()) {
        throw new IllegalArgumentException(provider.getClass().getName() + " claims no scheme");
      }
      for (String scheme : provider.schemes()) {
        byScheme.putIfAbsent(scheme, provider);
      }
    }
    return new StorageProviders(byScheme);
  }

  /** Every scheme some provider serves, sorted. */
  public Set<String> schemes() {
    return new TreeSet<>(byScheme.keySet());
  }

  /** The provider serving {@code scheme}. */
  public Optional<StorageProvider> forScheme(String scheme) {
    return Optional.ofNullable(byScheme.get(scheme));
  }

  /**
   * Opens the backend {@code config} names.
   *
   * @throws InvalidConfigException for an unknown scheme, listing the known ones
   */
  public StorageBackend open(BackendConfig config) {
    String scheme = config.uri().scheme();
    StorageProvider provider = byScheme.get(scheme);
    if (provider == null) {
      throw new InvalidConfigException(
          config.uri().toString(),
          "unknown scheme '"
              + scheme
              + "'; known schemes: "
              + String.join(", ", schemes())
              + " (a provider JAR on the class path adds more)");
    }
    return provider.open(config);
  }
}

package io.cloudsync.testkit;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Serves {@code mem://name[/prefix][?page-size=N]}: in-memory backends that share one store per
 * name within the JVM, so that a test and the code it drives (through a URI) see the same objects.
 */
public final class InMemoryStorageProvider implements StorageProvider {
  private static final ConcurrentMap<String, MemoryStore> STORES = new ConcurrentHashMap<>();

  /** Needed by {@link java.util.ServiceLoader}. */
  public InMemoryStorageProvider() {}

  /** The backend over the shared store {@code name}, created empty on first use. */
  public static InMemoryBackend named(String name) {
    return new InMemoryBackend(store(name), "", InMemoryBackend.DEFAULT_PAGE_SIZE, null);
  }

  private static MemoryStore store(String name) {
    requireNonNull(name, "name is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an in-memory store needs a name");
    }
    return STORES.computeIfAbsent(name, MemoryStore::new);
  }

  @Override
  public Set<String> schemes() {
    return Set.of("mem");
  }

  @Override
  public String description() {
    return "In-memory storage for tests (mem://name, shared by name within the JVM)";
  }

  @Override
  public StorageBackend open(BackendConfig config) {
    String location = config.uri().location();
    int pageSize;
    try {
      pageSize =
          Integer.parseInt(
              config
                  .option("page-size")
                  .orElse(Integer.toString(InMemoryBackend.DEFAULT_PAGE_SIZE)));
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(location, "option page-size: not a whole number");
    }
    if (pageSize < 1) {
      throw new InvalidConfigException(location, "option page-size: must be at least 1");
    }
    String path = config.uri().path();
    String root = path.isEmpty() ? "" : path + "/";
    return new InMemoryBackend(store(config.uri().bucket()), root, pageSize, null);
  }
}

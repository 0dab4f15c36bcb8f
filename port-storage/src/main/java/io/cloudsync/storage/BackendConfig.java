package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Everything a {@link StorageProvider} needs to open a backend: the URI, options from the
 * configuration file (kebab-case names, such as {@code endpoint}, {@code region}, {@code
 * part-size}), and the environment. A provider reads its settings once, here, and passes plain
 * values down; it never reads {@code System.getenv} itself, so tests can give it any environment.
 *
 * @param uri the parsed backend URI
 * @param options settings from the configuration file; URI query parameters take precedence
 * @param environment the process environment (or a test's)
 */
public record BackendConfig(
    BackendUri uri, Map<String, String> options, Map<String, String> environment) {

  /** Validates the fields and copies the maps. */
  public BackendConfig {
    requireNonNull(uri, "uri is null");
    options = Map.copyOf(requireNonNull(options, "options is null"));
    environment = Map.copyOf(requireNonNull(environment, "environment is null"));
  }

  /** A config with only the URI, in the real process environment. */
  public static BackendConfig of(String uri) {
    return new BackendConfig(BackendUri.parse(uri), Map.of(), System.getenv());
  }

  /** A config with only the URI and no environment at all (tests). */
  public static BackendConfig isolated(String uri) {
    return new BackendConfig(BackendUri.parse(uri), Map.of(), Map.of());
  }

  /**
   * The setting {@code name}: from the URI's query, else from the options. Further names are
   * aliases tried in order (for example {@code endpoint}, then {@code endpoint-url}).
   */
  public Optional<String> option(String name, String... aliases) {
    Optional<String> value = Optional.ofNullable(uri.params().get(name));
    if (value.isEmpty()) {
      value = Optional.ofNullable(options.get(name));
    }
    for (int i = 0; value.isEmpty() && i < aliases.length; i++) {
      value = Optional.ofNullable(uri.params().get(aliases[i]));
      if (value.isEmpty()) {
        value = Optional.ofNullable(options.get(aliases[i]));
      }
    }
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  /** A boolean setting; {@code true}, {@code yes} and {@code 1} are true. */
  public boolean flag(String name, boolean defaultValue) {
    return option(name)
        .map(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1"))
        .orElse(defaultValue);
  }

  /**
   * A size setting such as {@code 16M}, {@code 512K} or {@code 1048576}.
   *
   * @throws InvalidConfigException when the value is not a size
   */
  public long size(String name, long defaultValue) {
    Optional<String> value = option(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return ByteSizes.parse(value.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(uri.location(), "option " + name + ": " + e.getMessage());
    }
  }

  /** An environment variable, blank treated as absent. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
  }
}

package io.cloudsync.cli;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the backend a command names, through the providers found on the class path: only the
 * provider for the scheme in use builds a client. Provider options come from the matching section
 * of {@code cloudsync.yaml} ({@code s3:}, {@code azure:}, {@code gcs:}, {@code local:}), with
 * snake_case keys turned into kebab-case, then from {@code performance:}, then from flags.
 */
final class Backends {
  private final Invocation invocation;
  private final Provider<CloudSyncConfig> config;
  private final Provider<StorageProviders> providers;

  @Inject
  Backends(
      Invocation invocation,
      Provider<CloudSyncConfig> config,
      Provider<StorageProviders> providers) {
    this.invocation = invocation;
    this.config = config;
    this.providers = providers;
  }

  /** The remote the flag, environment, configuration or default names. */
  Remote remote(CommonOptions options) {
    return new RemoteResolver(invocation).resolve(options.remote(), config.get());
  }

  /**
   * Opens {@code remote}. The default local folder is created on first use; any other local root
   * must already exist when {@code requireRoot} is set, so that a typo never scatters files.
   */
  StorageBackend open(Remote remote, Map<String, String> extraOptions, boolean requireRoot) {
    BackendUri uri = remote.uri();
    if (uri.isLocalFolder()) {
      Path root = Path.of(uri.path());
      if (remote.isDefault()) {
        createDefaultRoot(root);
      } else if (requireRoot) {
        requireFolder(uri, root);
      }
    }
    return providers.get().open(configFor(remote, extraOptions));
  }

  BackendConfig configFor(Remote remote, Map<String, String> extraOptions) {
    Map<String, String> options = new LinkedHashMap<>();
    CloudSyncConfig settings = config.get();
    String section = ConfigSchema.SECTION_BY_SCHEME.get(remote.uri().scheme());
    if (section != null) {
      settings
          .section(section)
          .forEach(
              (key, value) -> {
                if (!ConfigSchema.LOCATION_KEYS.containsKey(key)) {
                  options.put(kebab(key), value);
                }
              });
    }
    for (String key : new String[] {"part_size", "multipart_threshold"}) {
      settings.value("performance", key).ifPresent(v -> options.putIfAbsent(kebab(key), v));
    }
    options.putAll(extraOptions);
    return new BackendConfig(remote.uri(), options, invocation.env());
  }

  static String kebab(String snake) {
    return snake.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void createDefaultRoot(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new LocalIoException(
          root.toString(),
          "cannot create the default remote folder ("
              + ErrorReporter.messageOf(e)
              + "); pass --remote URI or set CLOUDSYNC_REMOTE",
          e);
    }
  }

  private static void requireFolder(BackendUri uri, Path root) {
    if (Files.isDirectory(root)) {
      return;
    }
    if (Files.exists(root)) {
      throw new CliFailure(
          ExitCode.INVALID_INPUT, root + ": the remote root is a file, not a folder");
    }
    throw new NotFoundException(
        root.toString(),
        "the remote root folder does not exist; create it with 'cloudsync mkbucket --remote "
            + uri
            + "'");
  }
}

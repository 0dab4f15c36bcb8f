package io.cloudsync.cli;

import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.InvalidConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the remote: the {@code --remote} flag, then {@code CLOUDSYNC_REMOTE}, then {@code
 * cloudsync.yaml} ({@code remote:}, or a provider section naming a bucket, container or root), then
 * the default local folder under {@code $XDG_DATA_HOME/cloudsync/remote} or {@code
 * ~/.local/share/cloudsync/remote}.
 */
final class RemoteResolver {
  static final String ENV_REMOTE = "CLOUDSYNC_REMOTE";

  private final Invocation invocation;

  RemoteResolver(Invocation invocation) {
    this.invocation = invocation;
  }

  Remote resolve(Optional<String> flag, CloudSyncConfig config) {
    if (flag.isPresent()) {
      return new Remote(parse(flag.get()), Remote.Source.FLAG);
    }
    Optional<String> env =
        Optional.ofNullable(invocation.env().get(ENV_REMOTE)).filter(s -> !s.isBlank());
    if (env.isPresent()) {
      return new Remote(parse(env.get()), Remote.Source.ENVIRONMENT);
    }
    if (config.remote().isPresent()) {
      try {
        return new Remote(parse(config.remote().get()), Remote.Source.CONFIG_FILE);
      } catch (InvalidConfigException e) {
        throw new ConfigFileException(
            config.file().orElseThrow(), config.lineOf("remote"), "remote: " + e.getMessage(), e);
      }
    }
    Optional<BackendUri> fromSection = fromProviderSection(config);
    if (fromSection.isPresent()) {
      return new Remote(fromSection.get(), Remote.Source.CONFIG_FILE);
    }
    return new Remote(defaultUri(), Remote.Source.DEFAULT);
  }

  /** The default local folder, from the environment. */
  Path defaultRoot() {
    Optional<String> xdg =
        Optional.ofNullable(invocation.env().get("XDG_DATA_HOME"))
            .filter(s -> !s.isBlank() && Path.of(s).isAbsolute());
    if (xdg.isPresent()) {
      return Path.of(xdg.get(), "cloudsync", "remote");
    }
    Optional<String> home =
        Optional.ofNullable(invocation.env().get("HOME")).filter(s -> !s.isBlank());
    if (home.isEmpty()) {
      throw new CliFailure(
          ExitCode.INVALID_INPUT,
          "no remote given and no default folder: pass --remote URI, set CLOUDSYNC_REMOTE,"
              + " or set HOME");
    }
    return Path.of(home.get(), ".local", "share", "cloudsync", "remote");
  }

  private BackendUri defaultUri() {
    return new BackendUri("local", "", defaultRoot().toString(), Map.of());
  }

  /** Parses a URI and makes a local folder's relative path absolute against the working dir. */
  BackendUri parse(String text) {
    BackendUri uri = BackendUri.parse(text);
    if (uri.isLocalFolder()) {
      Path path = invocation.workingDir().resolve(uri.path()).normalize();
      return new BackendUri(uri.scheme(), "", path.toString(), uri.params());
    }
    return uri;
  }

  private Optional<BackendUri> fromProviderSection(CloudSyncConfig config) {
    for (Map.Entry<String, String> e :
        List.of(Map.entry("s3", "s3"), Map.entry("azure", "az"), Map.entry("gcs", "gs"))) {
      Map<String, String> section = config.section(e.getKey());
      String bucket = section.getOrDefault("bucket", section.get("container"));
      if (bucket != null) {
        String prefix = section.getOrDefault("prefix", "");
        String text = e.getValue() + "://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        try {
          return Optional.of(parse(text));
        } catch (InvalidConfigException ex) {
          throw new ConfigFileException(
              config.file().orElseThrow(),
              config.lineOf(
                  e.getKey() + (section.containsKey("bucket") ? ".bucket" : ".container")),
              ex.getMessage(),
              ex);
        }
      }
    }
    String root = config.section("local").get("root");
    if (root != null) {
      Path path = invocation.workingDir().resolve(root).normalize();
      return Optional.of(new BackendUri("local", "", path.toString(), new LinkedHashMap<>()));
    }
    return Optional.empty();
  }
}

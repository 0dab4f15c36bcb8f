package io.cloudsync.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
  @Option(
      names = "--remote",
      paramLabel = "URI",
      description =
          "Backend: local:/path, s3://bucket/prefix, az://container/prefix, gs://bucket/prefix."
              + " Default: CLOUDSYNC_REMOTE, then cloudsync.yaml, then"
              + " ~/.local/share/cloudsync/remote.")
  String remote;

  @Option(names = "--debug", description = "Print debug logs and stack traces.")
  boolean debug;

  Optional<String> remote() {
    return Optional.ofNullable(remote).filter(s -> !s.isBlank());
  }
}

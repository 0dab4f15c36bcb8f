package io.cloudsync.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
  @Option(
      names = "--remote",
      paramLabel = "URI",
      description =
          "Backend URI, such as local:/path or s3://bucket/prefix"
              + " (default: CLOUDSYNC_REMOTE, cloudsync.yaml, then a local folder).")
  String remote;

  @Option(names = "--debug", description = "Print debug logs and stack traces.")
  boolean debug;

  Optional<String> remote() {
    return Optional.ofNullable(remote).filter(s -> !s.isBlank());
  }
}

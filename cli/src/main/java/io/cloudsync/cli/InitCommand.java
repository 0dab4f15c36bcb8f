package io.cloudsync.cli;

import io.cloudsync.storage.BackendUri;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cloudsync init}: writes a commented {@code cloudsync.yaml} in the working folder. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Write a commented cloudsync.yaml in the current folder.")
final class InitCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--force", description = "Overwrite an existing cloudsync.yaml.")
  boolean force;

  private final Invocation invocation;

  @Inject
  InitCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Override
  public Integer call() throws IOException {
    Path target = invocation.workingDir().resolve(ConfigFile.NAME);
    Optional<BackendUri> remote = common.remote().map(new RemoteResolver(invocation)::parse);
    if (Files.exists(target) && !force) {
      throw new CliFailure(
          ExitCode.CONFLICT, target + ": already exists; pass --force to overwrite it");
    }
    if (Files.isDirectory(target)) {
      throw new CliFailure(ExitCode.INVALID_INPUT, target + ": is a folder");
    }
    String text = template(remote.map(u -> common.remote().orElseThrow()), defaultRoot());
    Path temp = Files.createTempFile(invocation.workingDir(), ".cloudsync.yaml.", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      if (force) {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // A plain move refuses to replace a file that appeared since the check.
        Files.move(temp, target);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure(
          ExitCode.CONFLICT, target + ": already exists; pass --force to overwrite it", e);
    } finally {
      Files.deleteIfExists(temp);
    }
    invocation.out().println("Wrote " + target);
    return ExitCode.OK.code();
  }

  private String defaultRoot() {
    try {
      return "local:" + new RemoteResolver(invocation).defaultRoot();
    } catch (CliFailure e) {
      return "local:/path/to/folder";
    }
  }

  static String template(Optional<String> remote, String defaultRemote) {
    String remoteLine =
        remote
            .map(r -> "remote: " + quoteIfNeeded(r) + "\n")
            .orElse("# remote: " + defaultRemote + "\n");
    return """
        # cloudsync configuration. Flags and environment variables override it:
        #   --remote URI  >  CLOUDSYNC_REMOTE  >  this file  >  the default local folder.
        # Unknown keys are errors, so a typo never passes silently.

        # Where objects live: local:/path, s3://bucket/prefix, az://container/prefix,
        # gs://bucket/prefix. Without it, cloudsync uses a folder under
        # $XDG_DATA_HOME/cloudsync/remote (or ~/.local/share/cloudsync/remote).
        """
        + remoteLine
        + """

        # Provider options. Secrets do not belong here: each provider uses its own
        # credential chain (AWS profiles and environment, Azure connection strings and
        # DefaultAzureCredential, Google Application Default Credentials).
        # s3:
        #   region: eu-west-1
        #   endpoint_url: https://minio.example.com   # any S3-compatible store
        #   path_style: true
        #   profile: default
        # azure:
        #   account: myaccount
        #   connection_string_env: AZURE_STORAGE_CONNECTION_STRING
        # gcs:
        #   project: my-project
        #   credentials_file: /path/to/service-account.json
        # local:
        #   root: /srv/cloudsync       # the same as remote: local:/srv/cloudsync

        # Transfers (defaults shown).
        # performance:
        #   transfers: 8            # parallel transfers
        #   checkers: 8             # parallel hash/stat checks
        #   part_size: 16M          # multipart part size
        #   multipart_threshold: 16M
        #   retry_attempts: 5
        #   retry_delay: 500ms
        #   bwlimit: off            # such as 512K, or 1M:4M for upload:download

        # What to do when both sides changed: newer, remote, local, keep-both, manual, merge.
        # conflicts:
        #   strategy: keep-both
        #   rules:
        #     "*.md": merge
        #     "build/**": remote
        """;
  }

  private static String quoteIfNeeded(String value) {
    return value.matches("[A-Za-z0-9:/._~%?&=+-]+")
        ? value
        : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

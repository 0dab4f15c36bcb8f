package io.cloudsync.cli;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.ByteSizes;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cloudsync put FILE KEY}: stores a local file, streamed, under a key. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = "Upload a local file under KEY (replacing what is there).")
final class PutCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "FILE", description = "The local file.")
  String file;

  @Parameters(index = "1", paramLabel = "KEY", description = "The key, such as docs/a.txt.")
  String key;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      description = "Multipart part size for object stores, such as 16M.")
  String partSize;

  private final Invocation invocation;
  private final Backends backends;

  @Inject
  PutCommand(Invocation invocation, Backends backends) {
    this.invocation = invocation;
    this.backends = backends;
  }

  @Override
  public Integer call() throws IOException {
    ObjectKey objectKey = ObjectKey.of(key);
    Map<String, String> options = new LinkedHashMap<>();
    if (partSize != null) {
      options.put("part-size", Long.toString(parseSize("--part-size", partSize)));
    }
    Path source = invocation.workingDir().resolve(file);
    Remote remote = backends.remote(common);
    try (InputStream in = LocalFiles.openForReading(source)) {
      long size = LocalFiles.size(source);
      try (StorageBackend backend = backends.open(remote, options, true)) {
        RemoteFile stored =
            backend.write(objectKey, in, size, Map.of(), WriteCondition.UNCONDITIONAL);
        invocation
            .out()
            .println(
                "Uploaded "
                    + file
                    + " to "
                    + backend.location(stored.key())
                    + " ("
                    + ByteSizes.human(stored.size())
                    + ")");
      }
    }
    return ExitCode.OK.code();
  }

  static long parseSize(String option, String text) {
    try {
      return ByteSizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.INVALID_INPUT, option + ": " + e.getMessage(), e);
    }
  }
}

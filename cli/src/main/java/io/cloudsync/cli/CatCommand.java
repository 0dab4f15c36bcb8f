package io.cloudsync.cli;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cloudsync cat KEY}: streams an object's bytes to standard output. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = "Print the content of KEY to standard output.")
final class CatCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key to print.")
  String key;

  private final Invocation invocation;
  private final Backends backends;

  @Inject
  CatCommand(Invocation invocation, Backends backends) {
    this.invocation = invocation;
    this.backends = backends;
  }

  @Override
  public Integer call() throws IOException {
    ObjectKey objectKey = ObjectKey.of(key);
    Remote remote = backends.remote(common);
    try (StorageBackend backend = backends.open(remote, Map.of(), true);
        InputStream in = backend.read(objectKey)) {
      in.transferTo(invocation.out());
      invocation.out().flush();
    }
    return ExitCode.OK.code();
  }
}

package io.cloudsync.cli;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cloudsync rm KEY}: removes one object. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove the object KEY.")
final class RmCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key to remove.")
  String key;

  @Option(
      names = {"-f", "--force"},
      description = "Succeed even when nothing is stored under KEY.")
  boolean force;

  private final Invocation invocation;
  private final Backends backends;

  @Inject
  RmCommand(Invocation invocation, Backends backends) {
    this.invocation = invocation;
    this.backends = backends;
  }

  @Override
  public Integer call() {
    ObjectKey objectKey = ObjectKey.of(key);
    Remote remote = backends.remote(common);
    try (StorageBackend backend = backends.open(remote, Map.of(), true)) {
      if (!force && !backend.exists(objectKey)) {
        throw new NotFoundException(
            backend.location(objectKey), "not found (pass --force to ignore missing keys)");
      }
      backend.delete(objectKey, WriteCondition.UNCONDITIONAL);
      invocation.out().println("Removed " + backend.location(objectKey));
    }
    return ExitCode.OK.code();
  }
}

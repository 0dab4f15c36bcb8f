package io.cloudsync.cli;

import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.UnsupportedFeatureException;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cloudsync mkbucket}: creates the bucket, container or root folder of the remote. */
@Command(
    name = "mkbucket",
    mixinStandardHelpOptions = true,
    description = "Create the remote's bucket, container or root folder.")
final class MkbucketCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  private final Invocation invocation;
  private final Backends backends;

  @Inject
  MkbucketCommand(Invocation invocation, Backends backends) {
    this.invocation = invocation;
    this.backends = backends;
  }

  @Override
  public Integer call() {
    Remote remote = backends.remote(common);
    try (StorageBackend backend = backends.open(remote, Map.of(), false)) {
      String where = remote.uri().location();
      if (!(backend instanceof SupportsBucketCreation creator)) {
        throw new UnsupportedFeatureException(where, "this backend cannot create buckets");
      }
      boolean created = creator.createBucket();
      invocation.out().println((created ? "Created " : "Already exists: ") + where);
    }
    return ExitCode.OK.code();
  }
}

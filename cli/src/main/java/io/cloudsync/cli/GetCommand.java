package io.cloudsync.cli;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.ByteSizes;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code cloudsync get KEY FILE}: downloads into a temporary file beside the target, checks the
 * SHA-256 when the backend has one, syncs it to disk, then renames it over the target. An
 * interrupted or failed download never leaves a partial file behind.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Download KEY into FILE (atomically; FILE may be an existing folder).")
final class GetCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key to download.")
  String key;

  @Parameters(index = "1", paramLabel = "FILE", description = "The local file or folder.")
  String file;

  private final Invocation invocation;
  private final Backends backends;

  @Inject
  GetCommand(Invocation invocation, Backends backends) {
    this.invocation = invocation;
    this.backends = backends;
  }

  @Override
  public Integer call() throws IOException {
    ObjectKey objectKey = ObjectKey.of(key);
    Path target = invocation.workingDir().resolve(file);
    if (Files.isDirectory(target)) {
      target = target.resolve(objectKey.name());
      if (Files.isDirectory(target)) {
        throw new CliFailure(ExitCode.INVALID_INPUT, target + ": is a folder");
      }
    }
    Path folder = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      throw new CliFailure(ExitCode.NOT_FOUND, folder + ": no such folder");
    }
    Remote remote = backends.remote(common);
    try (StorageBackend backend = backends.open(remote, Map.of(), true)) {
      RemoteFile stat =
          backend
              .stat(objectKey)
              .orElseThrow(() -> new NotFoundException(backend.location(objectKey), "not found"));
      download(backend, stat, target);
      invocation
          .out()
          .println(
              "Downloaded "
                  + backend.location(objectKey)
                  + " to "
                  + file
                  + " ("
                  + ByteSizes.human(stat.size())
                  + ")");
    }
    return ExitCode.OK.code();
  }

  private static void download(StorageBackend backend, RemoteFile stat, Path target)
      throws IOException {
    Path temp =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
    boolean moved = false;
    try {
      HashingInputStream hashing;
      try (InputStream in = backend.read(stat.key());
          FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        hashing = ContentHasher.sha256().hashing(in);
        hashing.transferTo(out);
        channel.force(true);
      }
      if (stat.hash().isPresent() && !stat.hash().get().equals(hashing.hash())) {
        throw new CliFailure(
            ExitCode.CONFLICT,
            backend.location(stat.key())
                + ": the content changed while downloading (SHA-256 differs); run get again");
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }
}

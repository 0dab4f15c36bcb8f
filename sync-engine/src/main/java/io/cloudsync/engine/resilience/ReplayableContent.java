package io.cloudsync.engine.resilience;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.LocalIoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content to upload that can be read again from its first byte, so a failed write can be retried
 * without the retrying layer buffering anything.
 *
 * <p>Each call to {@link #open()} returns a fresh stream positioned at the first byte; the caller
 * closes it. A source that cannot be opened throws a {@link io.cloudsync.storage.StorageException}
 * naming itself (a {@link LocalIoException} for a local file), which is never retried.
 */
@FunctionalInterface
public interface ReplayableContent {

  /** Opens the content from its first byte. */
  InputStream open();

  /** The content of a local file, reopened for each attempt. */
  static ReplayableContent ofFile(Path file) {
    requireNonNull(file, "file is null");
    return () -> {
      try {
        return Files.newInputStream(file);
      } catch (IOException e) {
        throw new LocalIoException(file.toString(), "cannot be read: " + e.getMessage(), e);
      }
    };
  }

  /** Bytes already in memory (small content, tests). */
  static ReplayableContent ofBytes(byte[] content) {
    byte[] copy = requireNonNull(content, "content is null").clone();
    return () -> new ByteArrayInputStream(copy);
  }
}

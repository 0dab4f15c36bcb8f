package io.cloudsync.adapter.local;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.WriteCondition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The rules that decide whether a write or delete may happen, and what metadata it carries. */
final class Conditions {
  private Conditions() {}

  /**
   * @throws PreconditionFailedException when {@code condition} does not hold for a write
   */
  static void check(WriteCondition condition, Optional<RemoteFile> now, String location) {
    switch (condition) {
      case WriteCondition.Unconditional unconditional -> {}
      case WriteCondition.IfAbsent absent -> {
        if (now.isPresent()) {
          throw new PreconditionFailedException(
              location, "already exists (version " + now.get().version() + ")");
        }
      }
      case WriteCondition.IfMatch match -> requireVersion(match, now, location);
    }
  }

  /**
   * @throws PreconditionFailedException when {@code condition} does not hold for a delete
   */
  static void checkDelete(WriteCondition condition, Optional<RemoteFile> now, String location) {
    switch (condition) {
      case WriteCondition.Unconditional unconditional -> {}
      case WriteCondition.IfAbsent absent -> check(condition, now, location);
      case WriteCondition.IfMatch match -> requireVersion(match, now, location);
    }
  }

  private static void requireVersion(
      WriteCondition.IfMatch match, Optional<RemoteFile> now, String location) {
    if (now.isEmpty()) {
      throw new PreconditionFailedException(
          location, "does not exist (expected version " + match.version() + ")");
    }
    if (!now.get().version().equals(match.version())) {
      throw new PreconditionFailedException(
          location,
          "was changed by another writer (expected version "
              + match.version()
              + ", found "
              + now.get().version()
              + ")");
    }
  }

  /** The metadata to keep: the caller's, without the hash entry, which the backend computes. */
  static Map<String, String> userMetadata(Map<String, String> metadata) {
    Map<String, String> user = new HashMap<>(metadata);
    user.remove(ContentHash.METADATA_KEY);
    return Map.copyOf(user);
  }

  /**
   * The SHA-256 the caller announced in {@value ContentHash#METADATA_KEY}, if any.
   *
   * @throws LocalIoException when the announced value is not a SHA-256
   */
  static Optional<ContentHash> declaredHash(Map<String, String> metadata, String location) {
    String value = metadata.get(ContentHash.METADATA_KEY);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ContentHash.ofHex(value.strip()));
    } catch (IllegalArgumentException e) {
      throw new LocalIoException(
          location,
          "metadata " + ContentHash.METADATA_KEY + " is not a SHA-256: " + e.getMessage());
    }
  }

  /**
   * Refuses content whose SHA-256 differs from the one the caller announced: the source changed
   * while it was being sent (a file edited during upload), so storing it would record a lie.
   */
  static void requireDeclaredHash(
      Optional<ContentHash> declared, ContentHash received, String location) {
    if (declared.isPresent() && !declared.get().equals(received)) {
      throw new LocalIoException(
          location,
          "the content's SHA-256 is "
              + received
              + " but "
              + declared.get()
              + " was announced (did the source change while being sent?); nothing was stored");
    }
  }
}

package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

/**
 * An opaque token that changes whenever an object's content or metadata is replaced: an S3 or Azure
 * ETag, a GCS generation, a local file's write stamp. Two tokens are equal only if they name the
 * same stored version. Conditional writes compare against it.
 *
 * @param value the token text, never blank
 */
public record VersionToken(String value) {

  /** Validates the token. */
  public VersionToken {
    requireNonNull(value, "value is null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("version token is blank");
    }
  }

  /** Shorthand for {@code new VersionToken(value)}. */
  public static VersionToken of(String value) {
    return new VersionToken(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.VersionToken;

/**
 * When a write or delete may happen. The sync engine makes every remote mutation conditional, so a
 * lost race raises {@link PreconditionFailedException} instead of silently overwriting another
 * writer's work.
 */
public sealed interface WriteCondition {

  /** Always write, replacing whatever is there. */
  WriteCondition UNCONDITIONAL = new Unconditional();

  /** Write only if no object exists under the key. */
  WriteCondition IF_ABSENT = new IfAbsent();

  /** Write only if the stored object's version is still {@code version}. */
  static WriteCondition ifMatch(VersionToken version) {
    return new IfMatch(version);
  }

  /** No condition. */
  record Unconditional() implements WriteCondition {}

  /** Only if absent ({@code If-None-Match: *}, {@code ifGenerationMatch=0}). */
  record IfAbsent() implements WriteCondition {}

  /**
   * Only if the current version is {@code version} ({@code If-Match}, {@code ifGenerationMatch}).
   *
   * @param version the version the caller last saw
   */
  record IfMatch(VersionToken version) implements WriteCondition {
    /** Validates the fields. */
    public IfMatch {
      requireNonNull(version, "version is null");
    }
  }
}

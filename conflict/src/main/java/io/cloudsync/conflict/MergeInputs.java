package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The contents a merge needs. The sides are suppliers so that content is only read when a merge is
 * attempted; each yields empty when that side is absent or larger than {@link
 * ConflictResolver#MAX_MERGE_BYTES}.
 *
 * @param base the content both sides last agreed on, empty when it was not kept
 * @param local reads the workspace's content
 * @param remote reads the remote's content
 */
public record MergeInputs(
    Optional<byte[]> base, Supplier<Optional<byte[]>> local, Supplier<Optional<byte[]>> remote) {

  /** Validates the fields. */
  public MergeInputs {
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
  }

  /** No content at all: for strategies that never merge. */
  public static MergeInputs none() {
    return new MergeInputs(Optional.empty(), Optional::empty, Optional::empty);
  }

  /** Contents already in memory. */
  public static MergeInputs of(byte[] base, byte[] local, byte[] remote) {
    Optional<byte[]> localContent = Optional.of(local);
    Optional<byte[]> remoteContent = Optional.of(remote);
    return new MergeInputs(Optional.of(base), () -> localContent, () -> remoteContent);
  }
}

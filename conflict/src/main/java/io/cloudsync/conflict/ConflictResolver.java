package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import io.cloudsync.conflict.Resolution.KeepBoth;
import io.cloudsync.conflict.Resolution.LeaveBoth;
import io.cloudsync.conflict.Resolution.Merged;
import io.cloudsync.conflict.Resolution.Side;
import io.cloudsync.conflict.Resolution.TakeLocal;
import io.cloudsync.conflict.Resolution.TakeRemote;
import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ObjectKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a conflict and a strategy into a {@link Resolution}.
 *
 * <ul>
 *   <li>{@code local}, {@code remote}: that side wins, content or deletion.
 *   <li>{@code manual}: nothing moves ({@link LeaveBoth}).
 *   <li>{@code newer}: the side with the later modification time wins; ties go to the remote. A
 *       side without a known time (a deletion) counts as older, so a modification outlives a
 *       deletion.
 *   <li>{@code keep-both}: when one side deleted the file and the other changed it, the changed
 *       side wins. Otherwise the remote keeps the key and the local content is kept, on both sides,
 *       under a conflict copy named after this host: the remote's content is what every other
 *       machine already has, and the copy says which machine's edit was set aside.
 *   <li>{@code merge}: like keep-both for deletions; otherwise a three-way merge against the base
 *       (by key for {@code .json}, {@code .yaml}, {@code .yml}; by line for everything else), with
 *       keep-both as the fallback on overlapping changes, binary content, a missing base, or
 *       content larger than {@value #MAX_MERGE_BYTES} bytes.
 * </ul>
 *
 * <p>A file on one side where the other side has a folder of that name ({@link
 * ConflictInfo.Kind#FILE_FOLDER}) cannot keep its name in a workspace, and neither side's content
 * replaces the other's: every strategy but {@code manual} moves the file to a conflict copy and
 * leaves the folder its name (keep-both, whatever was asked); {@code manual} leaves both.
 */
public final class ConflictResolver {
  /** The largest content, in bytes, that a merge reads. */
  public static final int MAX_MERGE_BYTES = 1 << 20;

  private final String host;
  private final Clock clock;
  private final ConflictNamer namer = new ConflictNamer();
  private final ThreeWayMerge lines = new ThreeWayMerge();
  private final StructuredMerge structured = new StructuredMerge();

  /**
   * @param host this machine's name, used in conflict copy names
   * @param clock the time stamped into conflict copy names
   */
  public ConflictResolver(String host, Clock clock) {
    this.host = requireNonNull(host, "host is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Decides how to settle {@code info} with {@code strategy}. */
  public Resolution resolve(
      ConflictStrategy strategy,
      ConflictInfo info,
      ConflictSide local,
      ConflictSide remote,
      MergeInputs inputs) {
    requireNonNull(strategy, "strategy is null");
    requireNonNull(info, "info is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
    requireNonNull(inputs, "inputs is null");
    if (info.kind() == ConflictInfo.Kind.FILE_FOLDER && strategy != ConflictStrategy.MANUAL) {
      // Taking one side would delete a folder of files for one file, or the other way round.
      return keepBoth(info, local, remote);
    }
    return switch (strategy) {
      case LOCAL -> new TakeLocal();
      case REMOTE -> new TakeRemote();
      case MANUAL -> new LeaveBoth();
      case NEWER -> newer(local, remote);
      case KEEP_BOTH -> keepBoth(info, local, remote);
      case MERGE -> merge(info, local, remote, inputs);
    };
  }

  private static Resolution newer(ConflictSide local, ConflictSide remote) {
    Optional<Instant> localTime = local.exists() ? local.modified() : Optional.empty();
    Optional<Instant> remoteTime = remote.exists() ? remote.modified() : Optional.empty();
    if (localTime.isPresent() && remoteTime.isPresent()) {
      return localTime.get().isAfter(remoteTime.get()) ? new TakeLocal() : new TakeRemote();
    }
    return localTime.isPresent() ? new TakeLocal() : new TakeRemote();
  }

  private Resolution keepBoth(ConflictInfo info, ConflictSide local, ConflictSide remote) {
    if (info.kind() == ConflictInfo.Kind.FILE_FOLDER) {
      // The side holding the file loses the name to the folder; with files on both, the remote
      // keeps it as for any other keep-both.
      Side winner = local.exists() ? Side.REMOTE : Side.LOCAL;
      return new KeepBoth(winner, conflictKey(info.key()));
    }
    if (local.exists() != remote.exists()) {
      return local.exists() ? new TakeLocal() : new TakeRemote();
    }
    if (!local.exists()) {
      // Deleted on both sides: the deletions agree and there is nothing to keep.
      return new TakeRemote();
    }
    return new KeepBoth(Side.REMOTE, conflictKey(info.key()));
  }

  private Resolution merge(
      ConflictInfo info, ConflictSide local, ConflictSide remote, MergeInputs inputs) {
    Resolution fallback = keepBoth(info, local, remote);
    if (!(fallback instanceof KeepBoth) || info.kind() == ConflictInfo.Kind.FILE_FOLDER) {
      return fallback;
    }
    if (local.size() > MAX_MERGE_BYTES || remote.size() > MAX_MERGE_BYTES) {
      return fallback;
    }
    Optional<String> base = inputs.base().flatMap(ConflictResolver::text);
    if (base.isEmpty()) {
      return fallback;
    }
    Optional<String> localText = inputs.local().get().flatMap(ConflictResolver::text);
    if (localText.isEmpty()) {
      return fallback;
    }
    Optional<String> remoteText = inputs.remote().get().flatMap(ConflictResolver::text);
    if (remoteText.isEmpty()) {
      return fallback;
    }
    MergeResult result = mergeByType(info.key(), base.get(), localText.get(), remoteText.get());
    return result
        .merged()
        .<Resolution>map(text -> new Merged(text.getBytes(StandardCharsets.UTF_8)))
        .orElse(fallback);
  }

  private MergeResult mergeByType(ObjectKey key, String base, String local, String remote) {
    String name = key.name().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return structured.mergeJson(base, local, remote);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return structured.mergeYaml(base, local, remote);
    }
    return lines.merge(base, local, remote);
  }

  /** The content as text, or empty when it is too large or binary (a NUL, or not UTF-8). */
  static Optional<String> text(byte[] content) {
    if (content.length > MAX_MERGE_BYTES) {
      return Optional.empty();
    }
    for (byte b : content) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private ObjectKey conflictKey(ObjectKey key) {
    return namer.conflictKey(key, host, clock.now());
  }
}

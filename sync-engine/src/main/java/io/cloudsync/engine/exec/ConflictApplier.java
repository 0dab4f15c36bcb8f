package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.conflicts.ConflictDecision;
import io.cloudsync.engine.conflicts.ConflictPolicy;
import io.cloudsync.engine.conflicts.ConflictSides;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.plan.PlannedAction;
import io.cloudsync.engine.scan.FileStamp;
import io.cloudsync.engine.scan.LocalFile;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Settles one conflict with the policy's decision, through the same conditional, journaled actions
 * as the rest of the plan, and logs the conflict and its resolution in the journal.
 */
final class ConflictApplier {
  private static final int MAX_MERGE_BYTES = 1 << 20;

  private final StorageBackend backend;
  private final Journal journal;
  private final WorkspacePaths paths;
  private final Transfers transfers;
  private final ConflictPolicy policy;
  private final RunCounters counters;
  private final Clock clock;
  private final String runStamp;
  private final RemoteChecks checks;

  ConflictApplier(
      StorageBackend backend,
      Journal journal,
      WorkspacePaths paths,
      Transfers transfers,
      ConflictPolicy policy,
      RunCounters counters,
      Clock clock,
      String runStamp,
      RemoteChecks checks) {
    this.checks = requireNonNull(checks);
    this.backend = requireNonNull(backend);
    this.journal = requireNonNull(journal);
    this.paths = requireNonNull(paths);
    this.transfers = requireNonNull(transfers);
    this.policy = requireNonNull(policy);
    this.counters = requireNonNull(counters);
    this.clock = requireNonNull(clock);
    this.runStamp = requireNonNull(runStamp);
  }

  void apply(PlannedAction action) throws IOException {
    ConflictInfo info = action.conflict().orElseThrow();
    ObjectKey key = action.key();
    if (sameContentOnBothSides(action)) {
      transfers.recordBase(key, action.local(), action.remote());
      return;
    }
    counters.conflicts.incrementAndGet();
    if (info.kind() == ConflictInfo.Kind.FILE_FOLDER
        && action.local().isPresent()
        && action.remote().isPresent()) {
      // The remote holds a file and a folder of one name (an object store can): no workspace can
      // hold both, and moving our file aside would only bring the remote's file back next run.
      leaveOpen(
          info,
          "the remote holds both a file and a folder of this name: rename or delete one of them"
              + " there");
      return;
    }
    ConflictDecision decision = policy.decide(info, sides(action));
    Optional<LocalFile> local = action.local();
    Optional<RemoteFile> remote = action.remote();
    boolean keepBase = policy.keepsBase(key);
    String outcome;
    switch (decision) {
      case ConflictDecision.Leave leave -> {
        leaveOpen(info, "left for `cloudsync conflicts resolve " + key + " --strategy ...`");
        return;
      }
      case ConflictDecision.TakeLocal take -> {
        takeLocal(local, remote, keepBase);
        outcome = "local side kept";
      }
      case ConflictDecision.TakeRemote take -> {
        takeRemote(local, remote, keepBase);
        outcome = "remote side kept";
      }
      case ConflictDecision.KeepBoth both -> {
        keepBoth(both, local, remote, keepBase);
        outcome =
            (both.winner() == ConflictDecision.Side.LOCAL ? "local" : "remote")
                + " side kept, the other saved as "
                + both.loserKey();
      }
      case ConflictDecision.Merged merged -> {
        merge(key, merged.content(), local, remote);
        outcome = "merged";
      }
    }
    String resolution = policy.strategyName(key) + ": " + outcome;
    Instant now = clock.now();
    if (journal.openConflict(key).isPresent()) {
      journal.resolveConflicts(key, resolution, now);
    } else {
      journal.recordConflict(
          new ConflictInfo(
              key,
              info.kind(),
              info.base(),
              info.local(),
              info.remote(),
              info.detectedAt(),
              Optional.of(resolution)));
    }
    counters.notice(key + ": conflict (" + info.kind() + ") resolved, " + resolution);
  }

  /**
   * A remote object without a recorded SHA-256 (written by another tool, or by a writer that died
   * before recording it) is hashed by reading it, so equal content is recognised instead of being
   * reported as a conflict. A check: one of at most {@code --checkers} at once.
   */
  private boolean sameContentOnBothSides(PlannedAction action) throws IOException {
    Optional<LocalFile> local = action.local();
    Optional<RemoteFile> remote = action.remote();
    if (local.isEmpty()
        || remote.isEmpty()
        || remote.get().hash().isPresent()
        || local.get().size() != remote.get().size()) {
      return false;
    }
    ObjectKey key = remote.get().key();
    return checks.run(
        () -> {
          try (InputStream in = backend.read(key)) {
            return ContentHasher.sha256().hash(in).equals(local.get().hash());
          }
        });
  }

  private void leaveOpen(ConflictInfo info, String why) {
    journal.recordConflict(info);
    counters.openConflicts.incrementAndGet();
    counters.notice(info.key() + ": conflict (" + info.kind() + ") left open, " + why);
  }

  private void takeLocal(Optional<LocalFile> local, Optional<RemoteFile> remote, boolean keepBase)
      throws IOException {
    if (local.isPresent()) {
      transfers.upload(local.get(), remote, keepBase);
    } else if (remote.isPresent()) {
      transfers.deleteRemote(remote.get());
    }
  }

  private void takeRemote(Optional<LocalFile> local, Optional<RemoteFile> remote, boolean keepBase)
      throws IOException {
    if (remote.isPresent()) {
      transfers.download(remote.get(), remote.get().key(), local, keepBase);
    } else if (local.isPresent()) {
      transfers.deleteLocal(local.get(), runStamp);
    }
  }

  private void keepBoth(
      ConflictDecision.KeepBoth both,
      Optional<LocalFile> local,
      Optional<RemoteFile> remote,
      boolean keepBase)
      throws IOException {
    if (both.winner() == ConflictDecision.Side.REMOTE) {
      if (local.isPresent()) {
        ObjectKey loserKey = freeCopyName(both.loserKey(), Optional.of(local.get().hash()));
        uploadCopy(copyLocal(local.get(), loserKey));
      }
      takeRemote(local, remote, keepBase);
    } else {
      if (remote.isPresent()) {
        ObjectKey loserKey = freeCopyName(both.loserKey(), remote.get().hash());
        if (transfers.download(remote.get(), loserKey, Optional.empty(), false)) {
          uploadCopy(stamped(loserKey, paths.file(loserKey)));
        }
      }
      takeLocal(local, remote, keepBase);
    }
  }

  /**
   * The conflict copy's name, or a numbered variant ({@code name.conflict-host-stamp-2.ext}) when a
   * different file already holds it: names go down to the second, so two conflicts of one key in
   * the same second would otherwise collide. A file there with the loser's own content is an
   * earlier attempt's copy and keeps the name.
   */
  /**
   * Sends a conflict copy as a new object. An earlier attempt may have stored it already (its
   * answer was lost, or the run stopped before the other side was settled): an object of that name
   * with the copy's content is the copy, and is recorded as such, instead of the refused write
   * turning the conflict into a lost race that repeats on every run.
   */
  private void uploadCopy(LocalFile copy) throws IOException {
    try {
      transfers.upload(copy, Optional.empty(), false);
    } catch (PreconditionFailedException refused) {
      Optional<RemoteFile> stored = backend.stat(copy.key());
      if (stored.isEmpty() || !stored.get().hash().equals(Optional.of(copy.hash()))) {
        throw refused;
      }
      transfers.recordBase(copy.key(), Optional.of(copy), stored);
    }
  }

  private ObjectKey freeCopyName(ObjectKey wanted, Optional<ContentHash> loserHash)
      throws IOException {
    ObjectKey candidate = wanted;
    for (int n = 2; ; n++) {
      Path file = paths.file(candidate);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return candidate;
      }
      if (loserHash.isPresent()
          && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && ContentHasher.sha256().hash(file).equals(loserHash.get())) {
        return candidate;
      }
      candidate = numbered(wanted, n);
    }
  }

  private static ObjectKey numbered(ObjectKey key, int n) {
    String name = key.name();
    int marker = name.indexOf(".conflict-");
    int dot = name.lastIndexOf('.');
    String numberedName =
        dot > marker + 1 && marker >= 0
            ? name.substring(0, dot) + "-" + n + name.substring(dot)
            : name + "-" + n;
    return key.parent()
        .map(p -> ObjectKey.of(p + "/" + numberedName))
        .orElseGet(() -> ObjectKey.of(numberedName));
  }

  private LocalFile copyLocal(LocalFile from, ObjectKey to) throws IOException {
    Path target = paths.file(to);
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      // An earlier attempt that failed after making the copy (its upload hit a fault) left it
      // here: the same content is the same copy, so carry on with it instead of failing forever.
      LocalFile existing = stamped(to, target);
      if (existing.hash().equals(from.hash())) {
        return existing;
      }
      throw new IOException(target + ": another file already has the conflict copy's name");
    }
    try {
      Files.copy(paths.file(from.key()), target, StandardCopyOption.COPY_ATTRIBUTES);
    } catch (FileAlreadyExistsException raced) {
      // Another action of this run (the download of a copy stored earlier) put it there first.
      LocalFile existing = stamped(to, target);
      if (existing.hash().equals(from.hash())) {
        return existing;
      }
      throw new IOException(target + ": another file already has the conflict copy's name");
    }
    return stamped(to, target);
  }

  private LocalFile stamped(ObjectKey key, Path file) throws IOException {
    FileStamp stamp = FileStamp.read(file).orElseThrow(() -> new IOException(file + ": vanished"));
    return new LocalFile(
        key,
        stamp.size(),
        stamp.mtimeMillis(),
        stamp.identity(),
        ContentHasher.sha256().hash(file));
  }

  private void merge(
      ObjectKey key, byte[] content, Optional<LocalFile> local, Optional<RemoteFile> remote)
      throws IOException {
    Path file = paths.file(key);
    Files.createDirectories(paths.tmpDir());
    Path tmp = paths.tmpDir().resolve(UUID.randomUUID() + ".merge");
    try {
      Files.write(tmp, content);
      if (!Transfers.stillAsPlanned(file, local)) {
        counters.notice(key + ": changed in the workspace during the sync; merge retried next run");
        return;
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    transfers.upload(stamped(key, file), remote, true);
  }

  private ConflictSides sides(PlannedAction action) {
    Optional<LocalFile> local = action.local();
    Optional<RemoteFile> remote = action.remote();
    Optional<JournalEntry> base = action.base();
    return new ConflictSides(
        local.isPresent(),
        local.flatMap(LocalFile::knownHash),
        local.map(LocalFile::size).orElse(0L),
        local.map(l -> Instant.ofEpochMilli(l.mtimeMillis())),
        remote.isPresent(),
        remote.flatMap(RemoteFile::hash),
        remote.map(RemoteFile::size).orElse(0L),
        remote.map(
            r -> Transfers.remoteMtime(r).map(Instant::ofEpochMilli).orElse(r.lastModified())),
        () -> base.flatMap(b -> transfers.baseContent(b.hash())),
        () -> local.filter(l -> l.size() <= MAX_MERGE_BYTES).flatMap(l -> readLocal(l.key())),
        () -> remote.filter(r -> r.size() <= MAX_MERGE_BYTES).flatMap(this::readRemote));
  }

  private Optional<byte[]> readLocal(ObjectKey key) {
    try {
      return Optional.of(Files.readAllBytes(paths.file(key)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<byte[]> readRemote(RemoteFile remote) {
    try (InputStream in = backend.read(remote.key())) {
      return Optional.of(in.readNBytes(MAX_MERGE_BYTES + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

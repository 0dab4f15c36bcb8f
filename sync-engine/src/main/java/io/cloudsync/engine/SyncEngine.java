package io.cloudsync.engine;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.Clock;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.core.SyncStatus;
import io.cloudsync.core.concurrent.Futures;
import io.cloudsync.core.io.FileSystemFlush;
import io.cloudsync.engine.conflicts.ConflictPolicies;
import io.cloudsync.engine.exec.BaseContents;
import io.cloudsync.engine.exec.RunCounters;
import io.cloudsync.engine.exec.SyncExecutor;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.engine.exec.WorkspacePaths;
import io.cloudsync.engine.journal.ConflictRecord;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalCorruptedException;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.journal.RunRecord;
import io.cloudsync.engine.plan.PlanInput;
import io.cloudsync.engine.plan.PlannedAction;
import io.cloudsync.engine.plan.SyncPlan;
import io.cloudsync.engine.plan.SyncPlanner;
import io.cloudsync.engine.remote.RemoteLister;
import io.cloudsync.engine.remote.RemoteSnapshot;
import io.cloudsync.engine.resilience.RetryingBackend;
import io.cloudsync.engine.scan.IgnoreRules;
import io.cloudsync.engine.scan.LocalScanner;
import io.cloudsync.engine.scan.LocalSnapshot;
import io.cloudsync.storage.StorageBackend;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one workspace with one remote: scan, list, plan, execute, journal. One run at a time per
 * workspace (a lock file in {@code .cloudsync/} keeps a second process out).
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  private static final AtomicBoolean NATIVE_CALLS_LINKING = new AtomicBoolean();

  private final WorkspacePaths paths;
  private final StorageBackend backend;
  private final ConflictPolicies policies;
  private final Clock clock;

  /**
   * @param workspace the workspace folder
   * @param backend the remote
   * @param policies how conflicts are settled
   * @param clock the time
   */
  public SyncEngine(
      Path workspace, StorageBackend backend, ConflictPolicies policies, Clock clock) {
    this.paths =
        new WorkspacePaths(
            requireNonNull(workspace, "workspace is null").toAbsolutePath().normalize());
    this.backend = requireNonNull(backend, "backend is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The workspace folder. */
  public Path workspace() {
    return paths.root();
  }

  /**
   * Runs one sync (or, with {@code dryRun}, plans it and changes nothing).
   *
   * <p>Every backend call of the run is retried as {@link SyncOptions#retry()} says, unless the
   * engine's backend is itself a {@link RetryingBackend} (then its own policy applies); the result
   * counts the calls that needed a retry. Uploads and downloads share the run's {@link
   * SyncOptions#bandwidth()}.
   *
   * @throws WorkspaceException when the workspace is missing, a file, or unwritable
   * @throws JournalCorruptedException when the journal is damaged (see {@code rebuildJournal})
   * @throws DeletionLimitExceededException when the plan deletes more than allowed; nothing changed
   * @throws io.cloudsync.storage.BackendUnreachableException when the remote cannot be reached,
   *     even after the retries; what completed before is journaled
   */
  public SyncResult sync(SyncOptions options, SyncListener listener) {
    long started = System.nanoTime();
    RetryingBackend retrying =
        backend instanceof RetryingBackend r ? r : new RetryingBackend(backend, options.retry());
    long retriedBefore = retrying.retriedCalls();
    checkWorkspace();
    linkNativeCallsOnce();
    var policy = policies.forRun(options.strategy());
    try (FileChannel lockFile = lockChannel();
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        throw new WorkspaceException(
            paths.root() + ": another sync of this workspace is running; wait for it to finish",
            null);
      }
      if (options.rebuildJournal() && !options.dryRun()) {
        Journal.setAside(paths.stateDir(), clock.now());
      }
      try (Journal journal = Journal.open(paths.stateDir())) {
        Set<ObjectKey> unvouched =
            SyncExecutor.settleEarlierRuns(
                retrying, journal, paths, what -> LOG.debug("{}: {}", paths.root(), what));
        Prepared prepared = prepare(retrying, journal, options, unvouched);
        SyncPlan plan = prepared.plan;
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "{}: planned {} actions ({} bytes to transfer) in {} ms",
              paths.root(),
              plan.actions().size(),
              plan.transferBytes(),
              (System.nanoTime() - started) / 1_000_000);
        }
        List<String> notices = new ArrayList<>(prepared.notices);
        if (options.dryRun()) {
          return result(
              true,
              new RunCounters(),
              plan,
              notices,
              started,
              retrying.retriedCalls() - retriedBefore);
        }
        checkDeletions(plan, prepared.knownKeys, options.maxDelete());
        listener.planned(plan.actions().size(), plan.transferBytes());
        long run = journal.startRun(clock.now());
        RunCounters counters =
            new SyncExecutor(retrying, journal, paths, policy, clock)
                .execute(
                    plan, options.transfers(), options.checkers(), options.bandwidth(), listener);
        LOG.debug(
            "{}: executed and journaled at {} ms",
            paths.root(),
            (System.nanoTime() - started) / 1_000_000);
        journal.finishRun(
            run,
            new RunRecord(
                run,
                Instant.EPOCH,
                Optional.of(clock.now()),
                counters.uploaded(),
                counters.downloaded(),
                counters.deletedLocal() + counters.deletedRemote(),
                counters.conflicts(),
                counters.errors().size()),
            counters.errors().isEmpty()
                ? Optional.empty()
                : Optional.of(String.join("\n", counters.errors())));
        notices.addAll(counters.notices());
        BaseContents.prune(paths.baseDir(), () -> journal.entries().values());
        return result(
            false, counters, plan, notices, started, retrying.retriedCalls() - retriedBefore);
      }
    } catch (IOException e) {
      throw new WorkspaceException(paths.root() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The foreign function API spins a stub for each native call at its first use (syncfs, statx,
   * posix_fadvise: about 45 ms on one core). The first run of the process has that done on another
   * thread, overlapping the journal's opening and the walk instead of delaying the first transfer.
   */
  private static void linkNativeCallsOnce() {
    if (NATIVE_CALLS_LINKING.compareAndSet(false, true)) {
      Thread.ofPlatform().daemon().name("cloudsync-link").start(FileSystemFlush::available);
    }
  }

  /** Where the pair stands: pending changes (a dry-run plan), open conflicts, the last sync. */
  public SyncStatus status() {
    SyncResult dry = sync(SyncOptions.defaults().withDryRun(true), SyncListener.NONE);
    int up = 0;
    int down = 0;
    int deletes = 0;
    for (SyncOperation op : dry.plan()) {
      switch (op.type()) {
        case UPLOAD -> up++;
        case DOWNLOAD -> down++;
        case DELETE_LOCAL, DELETE_REMOTE -> deletes++;
        default -> {}
      }
    }
    try (Journal journal = Journal.open(paths.stateDir())) {
      return new SyncStatus(
          up,
          down,
          deletes,
          journal.openConflicts().size(),
          journal.lastFinishedRun().flatMap(RunRecord::finished),
          false);
    }
  }

  /** The conflicts still open. */
  public List<ConflictRecord> openConflicts() {
    checkWorkspace();
    try (Journal journal = Journal.open(paths.stateDir())) {
      return journal.openConflicts();
    }
  }

  /** Every conflict the journal has logged. */
  public List<ConflictRecord> conflictHistory() {
    checkWorkspace();
    try (Journal journal = Journal.open(paths.stateDir())) {
      return journal.allConflicts();
    }
  }

  /**
   * Settles the conflict of {@code key} with {@code strategy}: a sync of that key alone.
   *
   * @return the run's result
   */
  public SyncResult resolve(ObjectKey key, String strategy) {
    return sync(
        SyncOptions.defaults()
            .withStrategy(strategy)
            .withOnly(java.util.Set.of(key.value()))
            .withMaxDelete(new MaxDelete(100, true)),
        SyncListener.NONE);
  }

  private record Prepared(SyncPlan plan, List<String> notices, int knownKeys) {}

  /**
   * Scans, lists and plans. The remote's hashes of {@code unvouched} keys are set aside: their rows
   * were discarded after a restart, and a power cut may have left such an object's record without
   * its bytes, so its content is compared instead.
   */
  private Prepared prepare(
      StorageBackend storage, Journal journal, SyncOptions options, Set<ObjectKey> unvouched)
      throws IOException {
    IgnoreRules rules = IgnoreRules.load(paths.root());
    Map<ObjectKey, JournalEntry> base = new HashMap<>(journal.entries());
    int knownKeys = base.size();
    base.keySet().removeIf(k -> rules.ignoresFile(k.value()));
    // The remote is listed while the workspace is walked (and, when the remote cannot hash what it
    // receives, hashed): the listing mostly waits, on the network and on a cloud client's start-up.
    // A backend that hashes as it writes returns the hash from the upload, so a new file whose key
    // the remote does not hold is not hashed beforehand: it is read only once.
    boolean uploadHashes = storage.hashesWhileWriting();
    LocalScanner scanner = new LocalScanner(paths.root(), rules, options.checkers());
    FutureTask<RemoteSnapshot> listing = new FutureTask<>(new RemoteLister(storage, rules)::list);
    Thread.ofPlatform().daemon().name("cloudsync-list").start(listing);
    RemoteSnapshot remote;
    LocalSnapshot local;
    try {
      long walkStarted = System.nanoTime();
      LocalScanner.Walk walk = scanner.walk();
      LOG.debug(
          "{}: walked the workspace in {} ms",
          paths.root(),
          (System.nanoTime() - walkStarted) / 1_000_000);
      if (uploadHashes) {
        remote = finished(listing);
        local = scanner.scan(walk, base, key -> !remote.files().containsKey(key));
      } else {
        local = scanner.scan(walk, base, key -> false);
        remote = finished(listing);
      }
    } finally {
      listing.cancel(true); // a no-op once it is done; stops it when the walk failed
    }
    List<String> notices = new ArrayList<>(local.reports());
    notices.addAll(remote.skipped());
    PlanInput input =
        new PlanInput(
            base,
            local.files(),
            local.folders(),
            local.skipped(),
            remote.withoutHashesOf(unvouched).files(),
            options.direction(),
            caseInsensitive(),
            clock.now());
    SyncPlan plan = new SyncPlanner().plan(input);
    if (!options.only().isEmpty()) {
      plan =
          new SyncPlan(
              plan.actions().stream()
                  .filter(a -> options.only().contains(a.key().value()))
                  .toList());
    }
    return new Prepared(plan, notices, knownKeys);
  }

  /** The listing's snapshot, or what it threw, as if it had run on this thread. */
  private static RemoteSnapshot finished(FutureTask<RemoteSnapshot> listing) throws IOException {
    try {
      return Futures.join(listing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing the remote", e);
    }
  }

  private static void checkDeletions(SyncPlan plan, int knownKeys, MaxDelete max) {
    long deletions =
        plan.count(SyncOperation.Type.DELETE_LOCAL) + plan.count(SyncOperation.Type.DELETE_REMOTE);
    long limit = max.limit(knownKeys);
    if (deletions > limit) {
      throw new DeletionLimitExceededException(deletions, limit, knownKeys, max);
    }
  }

  private SyncResult result(
      boolean dry,
      RunCounters c,
      SyncPlan plan,
      List<String> notices,
      long startedNanos,
      long retried) {
    int skipped = dry ? plan.count(SyncOperation.Type.SKIP) : c.skipped();
    int conflicts = dry ? plan.count(SyncOperation.Type.CONFLICT) : c.conflicts();
    List<String> errors = c.errors();
    return new SyncResult(
        dry,
        c.uploaded(),
        c.downloaded(),
        c.deletedRemote(),
        c.deletedLocal(),
        conflicts,
        c.openConflicts(),
        skipped,
        c.bytesUploaded(),
        c.bytesDownloaded(),
        (System.nanoTime() - startedNanos) / 1_000_000,
        plan.actions().stream().map(PlannedAction::operation).toList(),
        notices,
        errors,
        retried);
  }

  /**
   * Returns {@code root} when it is an existing folder.
   *
   * @throws WorkspaceException naming it, when it does not exist or is not a folder
   */
  public static Path requireFolder(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
      throw new WorkspaceException(
          root + ": workspace does not exist; create the folder or name an existing one", null);
    }
    if (!Files.isDirectory(root)) {
      throw new WorkspaceException(
          root + ": workspace is a file, not a folder; name the folder to sync", null);
    }
    return root;
  }

  private void checkWorkspace() {
    Path root = requireFolder(paths.root());
    try {
      Files.createDirectories(paths.tmpDir());
      Path probe = Files.createTempFile(paths.tmpDir(), "probe", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new WorkspaceException(
          root
              + ": workspace is not writable ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); make it writable or choose another folder",
          e);
    }
  }

  private FileChannel lockChannel() throws IOException {
    return FileChannel.open(
        paths.stateDir().resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private boolean caseInsensitive() {
    Path upper = paths.root().resolve(".CLOUDSYNC");
    try {
      return Files.exists(upper) && Files.isSameFile(upper, paths.stateDir());
    } catch (IOException e) {
      return false;
    }
  }
}

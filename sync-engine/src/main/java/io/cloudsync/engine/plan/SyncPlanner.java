package io.cloudsync.engine.plan;

import static io.cloudsync.core.SyncOperation.Type.CONFLICT;
import static io.cloudsync.core.SyncOperation.Type.DELETE_LOCAL;
import static io.cloudsync.core.SyncOperation.Type.DELETE_REMOTE;
import static io.cloudsync.core.SyncOperation.Type.DOWNLOAD;
import static io.cloudsync.core.SyncOperation.Type.RECORD_BASE;
import static io.cloudsync.core.SyncOperation.Type.SKIP;
import static io.cloudsync.core.SyncOperation.Type.UPLOAD;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.SyncOperation;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.scan.LocalFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * DESIGN.md's three-way decision table as a pure function: base (journal), local and remote states
 * in, one action per key out. No I/O, no clock: the same input always gives the same plan.
 *
 * <p>Local "same" means the content hash equals the base's; remote "same" means the version token
 * equals the base's (a new version whose recorded SHA-256 still equals the base counts as same
 * content, and only refreshes the base).
 */
public final class SyncPlanner {

  /** Plans one run. */
  public SyncPlan plan(PlanInput in) {
    Set<ObjectKey> keys = new TreeSet<>();
    keys.addAll(in.base().keySet());
    keys.addAll(in.local().keySet());
    keys.addAll(in.remote().keySet());
    keys.addAll(in.localSkipped().keySet());
    Set<String> remoteFolders = folders(in.remote().keySet());

    List<PlannedAction> actions = new ArrayList<>();
    for (ObjectKey key : keys) {
      Optional<JournalEntry> base = Optional.ofNullable(in.base().get(key));
      Optional<LocalFile> local = Optional.ofNullable(in.local().get(key));
      Optional<RemoteFile> remote = Optional.ofNullable(in.remote().get(key));
      PlannedAction action = decide(in, key, base, local, remote, remoteFolders);
      if (action != null) {
        actions.add(direction(in.direction(), action));
      }
    }
    return new SyncPlan(caseClashes(in, actions));
  }

  private PlannedAction decide(
      PlanInput in,
      ObjectKey key,
      Optional<JournalEntry> base,
      Optional<LocalFile> local,
      Optional<RemoteFile> remote,
      Set<String> remoteFolders) {
    String skipped = in.localSkipped().get(key);
    if (skipped != null) {
      return action(SKIP, key, 0, skipped, base, local, remote);
    }
    // Each side's files above the key are looked up only for the transfer they could block. An
    // object store holds 'a' and 'a/b' side by side, a file system cannot: an upload waits until
    // the remote's file is moved aside or deleted (its own action) and follows next run.
    Optional<String> blocker = Optional.empty();
    String blocked = null;
    if (remote.isPresent() && local.isEmpty()) {
      blocker = fileAbove(key, in.local());
      blocked = "' is a file in the workspace, not a folder";
    } else if (local.isPresent() && remote.isEmpty()) {
      blocker = fileAbove(key, in.remote());
      blocked = "' is a file on the remote, not a folder; sent once it is gone";
    }
    if (blocker.isPresent()) {
      return action(SKIP, key, 0, "'" + blocker.get() + blocked, base, local, remote);
    }
    boolean fileHereFolderThere = local.isPresent() && remoteFolders.contains(key.value());
    boolean folderHereFileThere = remote.isPresent() && in.localFolders().contains(key.value());
    if (fileHereFolderThere || folderHereFileThere) {
      // A file that one side replaced by a folder, unchanged on the other side since the last
      // sync, goes the way of any file deleted on one side: no conflict.
      if (base.isPresent()
          && fileHereFolderThere
          && remote.isEmpty()
          && local.get().hash().equals(base.get().hash())) {
        return action(
            DELETE_LOCAL, key, 0, "replaced by a folder on the remote", base, local, remote);
      }
      if (base.isPresent()
          && folderHereFileThere
          && local.isEmpty()
          && remote.get().version().equals(base.get().remoteVersion())) {
        return action(
            DELETE_REMOTE, key, 0, "replaced by a folder in the workspace", base, local, remote);
      }
      return conflict(
          in,
          key,
          ConflictInfo.Kind.FILE_FOLDER,
          "a file on one side, a folder on the other",
          base,
          local,
          remote);
    }
    if (base.isEmpty()) {
      return noBase(in, key, local, remote);
    }
    JournalEntry b = base.get();
    boolean localSame = local.isPresent() && local.get().hash().equals(b.hash());
    boolean remoteSameVersion =
        remote.isPresent() && remote.get().version().equals(b.remoteVersion());
    boolean remoteSame =
        remoteSameVersion
            || (remote.isPresent() && remote.get().hash().filter(b.hash()::equals).isPresent());

    if (local.isEmpty() && remote.isEmpty()) {
      return action(RECORD_BASE, key, 0, "deleted on both sides", base, local, remote);
    }
    if (localSame && remoteSame) {
      boolean stampMoved =
          local.get().size() != b.size()
              || local.get().mtimeMillis() != b.localMtimeMillis()
              || !local.get().identity().equals(b.localIdentity());
      if (stampMoved || !remoteSameVersion) {
        return action(
            RECORD_BASE, key, 0, "content unchanged, base refreshed", base, local, remote);
      }
      return null;
    }
    if (local.isPresent() && !localSame && remoteSame) {
      return action(UPLOAD, key, local.get().size(), "changed locally", base, local, remote);
    }
    if (local.isPresent() && !localSame && remote.isEmpty()) {
      return conflict(
          in,
          key,
          ConflictInfo.Kind.LOCAL_MODIFIED_REMOTE_DELETED,
          "changed locally, deleted remotely",
          base,
          local,
          remote);
    }
    if (localSame && remote.isPresent()) {
      return action(DOWNLOAD, key, remote.get().size(), "changed remotely", base, local, remote);
    }
    if (localSame) {
      return action(DELETE_LOCAL, key, 0, "deleted remotely", base, local, remote);
    }
    if (local.isEmpty() && remoteSame) {
      return action(DELETE_REMOTE, key, 0, "deleted locally", base, local, remote);
    }
    if (local.isEmpty()) {
      return conflict(
          in,
          key,
          ConflictInfo.Kind.LOCAL_DELETED_REMOTE_MODIFIED,
          "deleted locally, changed remotely",
          base,
          local,
          remote);
    }
    if (sameContent(local.get(), remote.get())) {
      return action(
          RECORD_BASE, key, 0, "changed on both sides to the same content", base, local, remote);
    }
    return conflict(
        in, key, ConflictInfo.Kind.BOTH_MODIFIED, "changed on both sides", base, local, remote);
  }

  private PlannedAction noBase(
      PlanInput in, ObjectKey key, Optional<LocalFile> local, Optional<RemoteFile> remote) {
    Optional<JournalEntry> none = Optional.empty();
    if (local.isPresent() && remote.isEmpty()) {
      return action(UPLOAD, key, local.get().size(), "new locally", none, local, remote);
    }
    if (local.isEmpty() && remote.isPresent()) {
      return action(DOWNLOAD, key, remote.get().size(), "new remotely", none, local, remote);
    }
    if (local.isPresent() && sameContent(local.get(), remote.get())) {
      return action(
          RECORD_BASE, key, 0, "created on both sides with the same content", none, local, remote);
    }
    if (local.isPresent()) {
      return conflict(
          in,
          key,
          ConflictInfo.Kind.BOTH_MODIFIED,
          "created on both sides with different content",
          none,
          local,
          remote);
    }
    return null;
  }

  private static boolean sameContent(LocalFile local, RemoteFile remote) {
    return remote.hash().filter(local.hash()::equals).isPresent();
  }

  /** Turns actions against the chosen direction into reported skips. */
  private static PlannedAction direction(Direction direction, PlannedAction a) {
    SyncOperation.Type t = a.type();
    boolean toLocal = t == DOWNLOAD || t == DELETE_LOCAL;
    boolean toRemote = t == UPLOAD || t == DELETE_REMOTE;
    if ((direction == Direction.PUSH && toLocal) || (direction == Direction.PULL && toRemote)) {
      return action(
          SKIP,
          a.key(),
          0,
          a.operation().reason() + "; not applied (--direction " + direction.cliName() + ")",
          a.base(),
          a.local(),
          a.remote());
    }
    return a;
  }

  /**
   * On a case-folding filesystem two keys that differ only in case are one file: a download or a
   * local deletion of such a key would act on the other's file. Those actions are skipped and
   * reported, every run, instead of flipping the file back and forth.
   */
  private static List<PlannedAction> caseClashes(PlanInput in, List<PlannedAction> actions) {
    if (!in.caseInsensitiveLocal()) {
      return actions;
    }
    Map<String, Set<ObjectKey>> byFolded = new HashMap<>();
    for (Map<ObjectKey, ?> side : List.of(in.local(), in.remote(), in.base())) {
      for (ObjectKey k : side.keySet()) {
        byFolded.computeIfAbsent(k.value().toLowerCase(Locale.ROOT), x -> new TreeSet<>()).add(k);
      }
    }
    List<PlannedAction> out = new ArrayList<>(actions.size());
    for (PlannedAction a : actions) {
      Set<ObjectKey> same =
          byFolded.getOrDefault(a.key().value().toLowerCase(Locale.ROOT), Set.of());
      boolean touchesLocal = a.type() == DOWNLOAD || a.type() == DELETE_LOCAL;
      if (touchesLocal && same.size() > 1) {
        Set<ObjectKey> others = new TreeSet<>(same);
        others.remove(a.key());
        out.add(
            action(
                SKIP,
                a.key(),
                0,
                "differs only in case from "
                    + others
                    + " on a case-insensitive filesystem; rename one of them",
                a.base(),
                a.local(),
                a.remote()));
      } else {
        out.add(a);
      }
    }
    return out;
  }

  /** The outermost folder above {@code key} that {@code side} holds as a file, if any. */
  private static Optional<String> fileAbove(ObjectKey key, Map<ObjectKey, ?> side) {
    if (side.isEmpty()) {
      return Optional.empty(); // a first sync: no prefix to parse for the empty side
    }
    String v = key.value();
    int slash = v.indexOf('/');
    while (slash >= 0) {
      String prefix = v.substring(0, slash);
      if (ObjectKey.tryParse(prefix).filter(side::containsKey).isPresent()) {
        return Optional.of(prefix);
      }
      slash = v.indexOf('/', slash + 1);
    }
    return Optional.empty();
  }

  private static Set<String> folders(Set<ObjectKey> keys) {
    Set<String> folders = new HashSet<>();
    for (ObjectKey k : keys) {
      String v = k.value();
      int slash = v.indexOf('/');
      while (slash >= 0) {
        folders.add(v.substring(0, slash));
        slash = v.indexOf('/', slash + 1);
      }
    }
    return folders;
  }

  private static PlannedAction action(
      SyncOperation.Type type,
      ObjectKey key,
      long bytes,
      String reason,
      Optional<JournalEntry> base,
      Optional<LocalFile> local,
      Optional<RemoteFile> remote) {
    return new PlannedAction(
        new SyncOperation(type, key, bytes, reason), base, local, remote, Optional.empty());
  }

  private static PlannedAction conflict(
      PlanInput in,
      ObjectKey key,
      ConflictInfo.Kind kind,
      String reason,
      Optional<JournalEntry> base,
      Optional<LocalFile> local,
      Optional<RemoteFile> remote) {
    ConflictInfo info =
        new ConflictInfo(
            key,
            kind,
            base.map(JournalEntry::hash),
            local.flatMap(LocalFile::knownHash),
            remote.flatMap(RemoteFile::hash).or(() -> Optional.<ContentHash>empty()),
            in.now(),
            Optional.empty());
    long bytes = local.map(LocalFile::size).orElse(0L) + remote.map(RemoteFile::size).orElse(0L);
    return new PlannedAction(
        new SyncOperation(CONFLICT, key, bytes, reason), base, local, remote, Optional.of(info));
  }
}

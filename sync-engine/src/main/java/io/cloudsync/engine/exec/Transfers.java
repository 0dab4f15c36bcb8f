package io.cloudsync.engine.exec;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.journal.Journal;
import io.cloudsync.engine.journal.JournalEntry;
import io.cloudsync.engine.resilience.BandwidthLimiter;
import io.cloudsync.engine.resilience.ReplayableContent;
import io.cloudsync.engine.resilience.RetryingBackend;
import io.cloudsync.engine.resilience.ThrottledInputStream;
import io.cloudsync.engine.scan.FileStamp;
import io.cloudsync.engine.scan.LocalFile;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The single-key actions, each ending with its journal update so that a crash at any instant leaves
 * a state the next run converges from. Every remote mutation is conditional; a {@link
 * io.cloudsync.storage.PreconditionFailedException} propagates to the caller, which turns it into a
 * conflict.
 */
public final class Transfers {

  private static final long MAX_BASE_BYTES = 1 << 20;

  private final StorageBackend backend;
  private final Journal journal;
  private final WorkspacePaths paths;
  private final RunCounters counters;
  private final SyncListener listener;
  private final BandwidthLimiter uploads;
  private final BandwidthLimiter downloads;
  private final ContentHasher hasher = ContentHasher.sha256();
  private final RemoteChecks checks;
  private final WorkspaceFlush workspaceFlush;

  /**
   * @param backend the remote
   * @param journal the workspace's journal
   * @param paths the workspace's places
   * @param counters the run's tallies
   * @param listener the progress listener
   */
  public Transfers(
      StorageBackend backend,
      Journal journal,
      WorkspacePaths paths,
      RunCounters counters,
      SyncListener listener) {
    this(
        backend,
        journal,
        paths,
        counters,
        listener,
        BandwidthLimiter.unlimited(),
        BandwidthLimiter.unlimited());
  }

  /**
   * @param backend the remote
   * @param journal the workspace's journal
   * @param paths the workspace's places
   * @param counters the run's tallies
   * @param listener the progress listener
   * @param uploads the run's upload limiter, shared by all its uploads
   * @param downloads the run's download limiter, shared by all its downloads
   */
  public Transfers(
      StorageBackend backend,
      Journal journal,
      WorkspacePaths paths,
      RunCounters counters,
      SyncListener listener,
      BandwidthLimiter uploads,
      BandwidthLimiter downloads) {
    this(
        backend,
        journal,
        paths,
        counters,
        listener,
        uploads,
        downloads,
        RemoteChecks.unbounded(),
        WorkspaceFlush.fileByFile(paths.root()));
  }

  Transfers(
      StorageBackend backend,
      Journal journal,
      WorkspacePaths paths,
      RunCounters counters,
      SyncListener listener,
      BandwidthLimiter uploads,
      BandwidthLimiter downloads,
      RemoteChecks checks,
      WorkspaceFlush workspaceFlush) {
    this.checks = requireNonNull(checks, "checks is null");
    this.workspaceFlush = requireNonNull(workspaceFlush, "workspaceFlush is null");
    this.backend = requireNonNull(backend, "backend is null");
    this.journal = requireNonNull(journal, "journal is null");
    this.paths = requireNonNull(paths, "paths is null");
    this.counters = requireNonNull(counters, "counters is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.uploads = requireNonNull(uploads, "uploads is null");
    this.downloads = requireNonNull(downloads, "downloads is null");
  }

  /**
   * Sends the workspace file to the remote, if the remote is still {@code expected} (or absent).
   * The file is re-stamped after the upload: if it changed meanwhile, the journal records what the
   * remote now holds against the file's old stamp, so the next run sees a local change and sends
   * the file again; it never records a torn upload as in step.
   *
   * @return whether the upload was clean
   */
  public boolean upload(LocalFile local, Optional<RemoteFile> expected, boolean keepBase)
      throws IOException {
    ObjectKey key = local.key();
    Path file = paths.file(key);
    WriteCondition condition =
        expected.map(r -> WriteCondition.ifMatch(r.version())).orElse(WriteCondition.IF_ABSENT);
    // A file the scan left unhashed goes without a declared hash: the backend hashes as it writes.
    Map<String, String> metadata = new HashMap<>();
    metadata.put(RemoteFile.MTIME_METADATA_KEY, Long.toString(local.mtimeMillis()));
    local.knownHash().ifPresent(h -> metadata.put(ContentHash.METADATA_KEY, h.hex()));
    RemoteFile written;
    if (backend instanceof RetryingBackend retrying) {
      // The file is reopened for every attempt, so a write that breaks off mid-way is retried too.
      ReplayableContent source = ReplayableContent.ofFile(file);
      ReplayableContent content = () -> uploadStream(source.open(), file);
      written = retrying.write(key, content, local.size(), metadata, condition);
    } else {
      try (InputStream in = uploadStream(Files.newInputStream(file), file)) {
        written = backend.write(key, in, local.size(), metadata, condition);
      }
    }
    // Every backend stores, and returns, the SHA-256 of the bytes it received (or refuses content
    // that differs from the announced one): what was sent is known without hashing it again here.
    Optional<ContentHash> sent = written.hash();
    if (sent.isEmpty() && local.knownHash().isEmpty()) {
      throw new IOException(
          backend.location(key) + ": the backend returned no SHA-256 for an undeclared upload");
    }
    Optional<FileStamp> after = FileStamp.read(file);
    boolean clean =
        (sent.isEmpty() || local.knownHash().isEmpty() || sent.equals(local.knownHash()))
            && after.isPresent()
            && local.sameStamp(after.get());
    ContentHash remoteHash = sent.orElseGet(local::hash);
    journal.put(
        new JournalEntry(
            key,
            remoteHash,
            written.size(),
            local.mtimeMillis(),
            local.identity(),
            written.version(),
            written.size()));
    counters.uploaded.incrementAndGet();
    counters.bytesUploaded.addAndGet(local.size());
    if (!clean) {
      counters.notice(key + ": changed while being uploaded; sent again next run");
    } else if (keepBase) {
      keepBase(file, remoteHash, local.size());
    }
    return clean;
  }

  /**
   * What an upload reads: {@code fromStart}, the content of {@code file}, its cached pages dropped
   * as they are sent, within the upload bandwidth, counted for the listener.
   */
  private InputStream uploadStream(InputStream fromStart, Path file) {
    return new CountingInputStream(
        ThrottledInputStream.wrap(new PageDroppingInputStream(fromStart, file), uploads), listener);
  }

  /**
   * Brings the remote object into the workspace: into a temp file, fsynced (a new file: flushed
   * with the run's batch before it is journaled), hash-checked, then renamed over the target, but
   * only if the target is still as the plan saw it ({@code expected}, or absent). An edit made
   * during the sync is never replaced: it is left for the next run.
   *
   * @param target the key to write locally (the remote key, or a conflict copy's key)
   * @return whether the file was replaced
   */
  public boolean download(
      RemoteFile remote, ObjectKey target, Optional<LocalFile> expected, boolean keepBase)
      throws IOException {
    Files.createDirectories(paths.tmpDir());
    Path tmp = paths.tmpDir().resolve(UUID.randomUUID() + ".part");
    // Nothing there to lose: a new file may wait for the run's next workspace flush.
    boolean createsFile =
        expected.isEmpty() && !Files.exists(paths.file(target), LinkOption.NOFOLLOW_LINKS);
    try {
      ContentHash got;
      long size;
      // The listing already gave the version: read it without asking for it again.
      InputStream source =
          backend instanceof RetryingBackend retrying
              ? retrying.read(remote)
              : backend.read(remote.key());
      try (InputStream in = ThrottledInputStream.wrap(source, downloads);
          FileChannel channel =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        HashingInputStream hashing = hasher.hashing(new CountingInputStream(in, listener));
        OutputStream out = Channels.newOutputStream(channel);
        hashing.transferTo(out);
        out.flush();
        workspaceFlush.beforeRename(channel, createsFile);
        got = hashing.hash();
        size = hashing.count();
      }
      if (remote.hash().isPresent() && !remote.hash().get().equals(got)) {
        counters.notice(
            remote.key()
                + ": changed on the remote while being downloaded; fetched again next run");
        return false;
      }
      if (remote.hash().isEmpty()) {
        Optional<RemoteFile> now = checks.run(() -> backend.stat(remote.key()));
        if (now.isEmpty() || !now.get().version().equals(remote.version())) {
          counters.notice(
              remote.key()
                  + ": changed on the remote while being downloaded; fetched again next run");
          return false;
        }
      }
      remoteMtime(remote).ifPresent(ms -> setMtime(tmp, ms));
      Path file = paths.file(target);
      if (!stillAsPlanned(file, expected)) {
        counters.notice(target + ": changed in the workspace during the sync; decided next run");
        return false;
      }
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      if (keepBase) {
        keepBase(tmp, got, size);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (target.equals(remote.key())) {
        // a conflict copy is journaled by the upload that gives it its own remote version
        FileStamp stamp =
            FileStamp.read(file)
                .orElseThrow(() -> new IOException(file + ": vanished after rename"));
        journal.put(
            new JournalEntry(
                target,
                got,
                size,
                stamp.mtimeMillis(),
                stamp.identity(),
                remote.version(),
                remote.size()));
      }
      counters.downloaded.incrementAndGet();
      counters.bytesDownloaded.addAndGet(size);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Deletes the remote object if it is still {@code remote}'s version and the file is still gone.
   */
  public boolean deleteRemote(RemoteFile remote) throws IOException {
    if (FileStamp.read(paths.file(remote.key())).isPresent()) {
      counters.notice(
          remote.key() + ": recreated in the workspace during the sync; decided next run");
      return false;
    }
    backend.delete(remote.key(), WriteCondition.ifMatch(remote.version()));
    journal.remove(remote.key());
    counters.deletedRemote.incrementAndGet();
    return true;
  }

  /** Moves the workspace file into this run's trash, if it is still as scanned. */
  public boolean deleteLocal(LocalFile local, String runStamp) throws IOException {
    Path file = paths.file(local.key());
    if (!stillAsPlanned(file, Optional.of(local))) {
      counters.notice(local.key() + ": changed in the workspace during the sync; decided next run");
      return false;
    }
    Path trashed = paths.trashDir(runStamp);
    for (String segment : local.key().segments()) {
      trashed = trashed.resolve(segment);
    }
    Files.createDirectories(trashed.getParent());
    Files.move(file, trashed, StandardCopyOption.ATOMIC_MOVE);
    journal.remove(local.key());
    counters.deletedLocal.incrementAndGet();
    removeEmptyParents(file.getParent());
    return true;
  }

  /** Records that both sides hold the same content (or that both deleted the key). */
  public void recordBase(ObjectKey key, Optional<LocalFile> local, Optional<RemoteFile> remote) {
    if (local.isEmpty() || remote.isEmpty()) {
      journal.remove(key);
      return;
    }
    LocalFile l = local.get();
    RemoteFile r = remote.get();
    journal.put(
        new JournalEntry(
            key, l.hash(), l.size(), l.mtimeMillis(), l.identity(), r.version(), r.size()));
  }

  /** Reads up to 1 MiB of the kept base content of {@code hash}. */
  public Optional<byte[]> baseContent(ContentHash hash) {
    Path p = paths.baseDir().resolve(hash.hex());
    try {
      return Files.size(p) <= MAX_BASE_BYTES
          ? Optional.of(Files.readAllBytes(p))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void keepBase(Path source, ContentHash hash, long size) throws IOException {
    if (size > MAX_BASE_BYTES || !looksLikeText(source)) {
      return;
    }
    Path kept = paths.baseDir().resolve(hash.hex());
    if (Files.exists(kept)) {
      return;
    }
    Files.createDirectories(paths.baseDir());
    Path tmp = paths.baseDir().resolve(hash.hex() + "." + UUID.randomUUID() + ".tmp");
    Files.copy(source, tmp);
    Files.move(tmp, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean looksLikeText(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(8192);
      for (byte b : head) {
        if (b == 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** The writer's mtime from the metadata, if it recorded one. */
  public static Optional<Long> remoteMtime(RemoteFile remote) {
    String v = remote.metadata().get(RemoteFile.MTIME_METADATA_KEY);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void setMtime(Path file, long millis) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    } catch (IOException ignored) {
      // a file system without settable times keeps the download time; hashes still decide
    }
  }

  static boolean stillAsPlanned(Path file, Optional<LocalFile> expected) throws IOException {
    Optional<FileStamp> now = FileStamp.read(file);
    if (expected.isEmpty()) {
      return now.isEmpty() && !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
    return now.isPresent() && expected.get().sameStamp(now.get());
  }

  private void removeEmptyParents(Path dir) {
    Path root = paths.root();
    while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (IOException e) {
        return;
      }
      dir = dir.getParent();
    }
  }
}

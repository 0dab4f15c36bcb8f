package io.cloudsync.adapter.local;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.SupportsDeferredDurability;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A folder on this machine as a {@link StorageBackend}. Each object is a plain file under the root;
 * its SHA-256, user metadata and generation (the version token) live in a record: an extended
 * attribute of the file where the file system has them, else a sidecar (see {@link Records}). A
 * write streams into a temp file beside the target, attaches the record, syncs it, then, under the
 * key's cross-process lock ({@link KeyLocks}), checks the condition and renames the file into place
 * (writing the sidecar after the rename where there is no attribute). A file changed behind the
 * backend's back no longer matches its recorded stamp and gets a token of its own, so a conditional
 * write against the old version fails.
 *
 * <p>Each write, copy and delete is durable when it returns (file and folder synced), unless a
 * batch is open ({@link #deferDurability()}, on Linux with Java 22 or newer): then they skip their
 * syncs and the batch's {@code sync()} flushes the file system once for all of them (see {@link
 * Durability}). Content that replaces an object is synced before its rename even in a batch: only
 * only-if-absent writes wait for the flush.
 */
final class LocalStorageBackend
    implements StorageBackend, SupportsCopy, SupportsBucketCreation, SupportsDeferredDurability {
  static final String NAME = "local";

  private final KeyPaths paths;
  private final Durability durability;
  private final Records records;
  private volatile KeyLocks locks;

  /** A file renamed into place, and the rename's wait to be durable. */
  private record Placed(RemoteFile file, DirectorySyncs.Ticket rename) {}

  LocalStorageBackend(Path root) {
    this(root, true);
  }

  /**
   * @param attributes whether records may go to extended attributes; off keeps them in sidecars, as
   *     on a file system without attributes
   */
  LocalStorageBackend(Path root, boolean attributes) {
    this(root, attributes, Flushes.SYSTEM);
  }

  /**
   * @param flushes how files, folders and file systems are flushed
   */
  LocalStorageBackend(Path root, boolean attributes, Flushes flushes) {
    this.paths = new KeyPaths(requireNonNull(root, "root is null"));
    this.durability = new Durability(paths, requireNonNull(flushes, "flushes is null"));
    this.records = new Records(paths.store(), attributes, durability);
  }

  /**
   * Opens a batch in which writes, copies and deletes skip their own syncs; its {@code sync()}
   * flushes the file system holding the root (and any other mounted inside it) once. {@link
   * Batch#NONE} where no such flush exists (not Linux, or Java before 22, or native access off).
   */
  @Override
  public Batch deferDurability() {
    return durability.openBatch();
  }

  /**
   * This boot and the mounts of the file systems the root spans (Linux 6.8 and later); {@code ""}
   * where batches are {@link Batch#NONE}, every write being durable on return.
   */
  @Override
  public Optional<String> unflushedScope() {
    return durability.unflushedScope();
  }

  /** Flushes each file system the root spans, whoever wrote to it. */
  @Override
  public void syncAll() {
    durability.syncAll();
  }

  /** Always: a write hashes the bytes as it streams them into place. */
  @Override
  public boolean hashesWhileWriting() {
    return true;
  }

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    requireNonNull(prefix, "prefix is null");
    paths.requireRoot();
    TreeListing walk = new TreeListing(paths, prefix, this::listed);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private Optional<ListEntry> listed(String rawKey, Path file, BasicFileAttributes attributes)
      throws IOException {
    if (!Normalizer.isNormalized(rawKey, Normalizer.Form.NFC)) {
      return Optional.of(
          new RejectedKey(rawKey, "file name is not in Unicode NFC; rename it to its NFC form"));
    }
    Optional<String> problem = ObjectKey.validate(rawKey);
    if (problem.isPresent()) {
      return Optional.of(new RejectedKey(rawKey, problem.get()));
    }
    if (attributes.isSymbolicLink() && !paths.isLinkToFileInside(file)) {
      return Optional.of(
          new RejectedKey(rawKey, "symbolic link to a folder or out of the root; not followed"));
    }
    if (!attributes.isSymbolicLink() && !attributes.isRegularFile()) {
      return Optional.of(new RejectedKey(rawKey, "not a regular file"));
    }
    return current(new ObjectKey(rawKey), file, false).map(ListEntry.class::cast);
  }

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    requireNonNull(key, "key is null");
    paths.requireRoot();
    Path file = paths.resolve(key);
    try {
      return current(key, file, false);
    } catch (IOException e) {
      throw failure(key, "cannot read", e);
    }
  }

  /**
   * What is stored under {@code key} now. A record that does not match the file means an edit made
   * by another program; with sidecars it may also be a writer between its rename and its sidecar
   * update, which the key's lock tells apart.
   */
  private Optional<RemoteFile> current(ObjectKey key, Path file, boolean locked)
      throws IOException {
    Optional<FileStamp> found = FileStamp.read(file);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    FileStamp stamp = found.get();
    Optional<Sidecar> record = records.read(key, file);
    if (record.isPresent() && record.get().describes(stamp)) {
      return Optional.of(ours(key, stamp, record.get()));
    }
    if (record.isPresent() && !locked && records.usesSidecars()) {
      try {
        return locks().withLock(key, () -> current(key, file, true));
      } catch (IOException e) {
        // No lock on a read-only root, and then no writer either: the file is what it is.
      }
    }
    return Optional.of(
        new RemoteFile(
            key,
            stamp.size(),
            stamp.modified(),
            Optional.empty(),
            VersionToken.of(stamp.externalToken()),
            Map.of()));
  }

  /**
   * {@link #current}, asking first whether anything is there: a write usually creates a new key,
   * and a missing file costs an exception per look otherwise.
   */
  private Optional<RemoteFile> currentIfAny(ObjectKey key, Path file, boolean locked)
      throws IOException {
    // java.io.File asks the file system without throwing for a missing file, as Files.exists
    // does inside. A dangling link counts as absent, as current() would find it.
    return file.toFile().exists() ? current(key, file, locked) : Optional.empty();
  }

  private static RemoteFile ours(ObjectKey key, FileStamp stamp, Sidecar record) {
    return new RemoteFile(
        key,
        stamp.size(),
        stamp.modified(),
        Optional.of(record.hash()),
        VersionToken.of(record.generation()),
        record.metadata());
  }

  @Override
  public InputStream read(ObjectKey key) {
    return read(key, new ByteRange(0, Long.MAX_VALUE));
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    requireNonNull(key, "key is null");
    requireNonNull(range, "range is null");
    paths.requireRoot();
    Path file = paths.resolve(key);
    FileChannel channel = null;
    try {
      if (!Files.isRegularFile(file)) {
        throw new NotFoundException(paths.location(key), "not found");
      }
      channel = FileChannel.open(file, StandardOpenOption.READ);
      InputStream in = Channels.newInputStream(channel.position(range.offset()));
      return range.length() == Long.MAX_VALUE ? in : new RangeInputStream(in, range.length());
    } catch (NoSuchFileException e) {
      throw new NotFoundException(paths.location(key), "not found", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw failure(key, "cannot read", e);
    }
  }

  @Override
  public RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(content, "content is null");
    requireNonNull(metadata, "metadata is null");
    requireNonNull(condition, "condition is null");
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
    paths.requireRoot();
    String location = paths.location(key);
    KeyPaths.Target target = paths.resolveTarget(key);
    Path file = target.file();
    Optional<ContentHash> declared = Conditions.declaredHash(metadata, location);
    Map<String, String> userMetadata = Conditions.userMetadata(metadata);
    Path temp = null;
    try {
      // Fail fast, before streaming anything; checked again under the lock.
      Optional<RemoteFile> before = target.present() ? current(key, file, false) : Optional.empty();
      Conditions.check(condition, before, location);
      String generation = DurableFiles.generation();
      IncomingContent received =
          IncomingContent.receive(
              paths,
              key,
              target,
              content,
              length,
              declared,
              (tempFile, hash) -> {
                FileStamp stamp =
                    FileStamp.read(tempFile)
                        .orElseThrow(() -> new NoSuchFileException(tempFile.toString()));
                FileStamp recorded = new FileStamp(stamp.size(), stamp.modifiedNanos(), "", 0);
                Sidecar record = new Sidecar(key.value(), generation, hash, userMetadata, recorded);
                return records.attach(tempFile, record) ? Optional.of(recorded) : Optional.empty();
              },
              durability,
              // Only-if-absent: checked again under the key's lock, so the rename creates.
              condition == WriteCondition.IF_ABSENT);
      temp = received.temp();
      ContentHash hash = received.hash();
      Placed placed =
          locks()
              .withLock(
                  key,
                  () -> {
                    Conditions.check(condition, currentIfAny(key, file, true), location);
                    Files.move(received.temp(), file, StandardCopyOption.ATOMIC_MOVE);
                    DirectorySyncs.Ticket rename = durability.renamed(file.getParent());
                    // An attached record already holds what the rename kept (size, modification
                    // time); a sidecar needs the renamed file's identity and change time too.
                    FileStamp stamp =
                        received.attachedStamp().isPresent()
                            ? received.attachedStamp().get()
                            : FileStamp.read(file)
                                .orElseThrow(() -> new NoSuchFileException(file.toString()));
                    Sidecar record =
                        new Sidecar(key.value(), generation, hash, userMetadata, stamp);
                    records.afterRename(key, record, received.attached());
                    return new Placed(ours(key, stamp, record), rename);
                  });
      temp = null; // renamed into place: nothing to clean up
      // Outside the key's lock: writers into one folder share the folder's sync.
      placed.rename().awaitDurable();
      durability.settle();
      return placed.file();
    } catch (IOException e) {
      throw failure(key, "cannot write", e);
    } finally {
      if (temp != null) {
        DurableFiles.deleteQuietly(temp);
      }
    }
  }

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(condition, "condition is null");
    paths.requireRoot();
    String location = paths.location(key);
    Path file = paths.resolve(key);
    try {
      locks()
          .withLock(
              key,
              () -> {
                Optional<RemoteFile> now = current(key, file, true);
                Conditions.checkDelete(condition, now, location);
                if (now.isPresent()) {
                  Files.deleteIfExists(file);
                  records.delete(key);
                  durability.forceFolder(file.getParent());
                  paths.removeEmptyParents(file);
                }
                return null;
              });
      durability.settle();
    } catch (IOException e) {
      throw failure(key, "cannot delete", e);
    }
  }

  @Override
  public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(condition, "condition is null");
    for (int attempt = 1; ; attempt++) {
      RemoteFile before =
          stat(source)
              .orElseThrow(() -> new NotFoundException(paths.location(source), "not found"));
      try (InputStream in = read(source)) {
        // The open file keeps its content even if replaced now; make sure it is the version seen.
        if (stat(source).map(RemoteFile::version).equals(Optional.of(before.version()))) {
          Map<String, String> metadata = new HashMap<>(before.metadata());
          before.hash().ifPresent(h -> metadata.put(ContentHash.METADATA_KEY, h.hex()));
          return write(target, in, before.size(), metadata, condition);
        }
      } catch (IOException e) {
        throw failure(source, "cannot read", e);
      }
      if (attempt == 5) {
        throw new LocalIoException(
            paths.location(source), "cannot copy: it keeps changing while being read");
      }
    }
  }

  @Override
  public boolean createBucket() {
    Path root = paths.root();
    if (Files.isDirectory(root)) {
      return false;
    }
    try {
      Files.createDirectories(root);
      return true;
    } catch (IOException e) {
      throw new LocalIoException(
          root.toString(), "cannot create the root folder: " + DurableFiles.reason(e), e);
    }
  }

  @Override
  public BackendDescription describe() {
    String root = paths.root().toString();
    if (!Files.isDirectory(paths.root())) {
      return new BackendDescription(
          NAME,
          root,
          BackendDescription.Health.MISSING,
          Optional.of(
              Files.exists(paths.root())
                  ? root + ": root is a file, not a folder"
                  : root + ": root folder does not exist; create it with 'cloudsync mkbucket'"),
          Optional.empty(),
          Map.of());
    }
    try {
      FileStore store = Files.getFileStore(paths.root());
      return new BackendDescription(
          NAME,
          root,
          BackendDescription.Health.CONNECTED,
          Optional.empty(),
          Optional.of(
              new BackendDescription.Capacity(store.getTotalSpace(), store.getUsableSpace())),
          Map.of(
              "filesystem",
              store.type(),
              "writable",
              Boolean.toString(!store.isReadOnly() && Files.isWritable(paths.root()))));
    } catch (IOException e) {
      return new BackendDescription(
          NAME,
          root,
          BackendDescription.Health.UNREACHABLE,
          Optional.of(root + ": cannot read the file system: " + DurableFiles.reason(e)),
          Optional.empty(),
          Map.of());
    }
  }

  @Override
  public String location(ObjectKey key) {
    return paths.location(requireNonNull(key, "key is null"));
  }

  @Override
  public String toString() {
    return "local:" + paths.root();
  }

  private KeyLocks locks() throws IOException {
    KeyLocks current = locks;
    if (current == null) {
      current = new KeyLocks(paths.realRoot().resolve(KeyPaths.STORE_DIR).resolve("locks"));
      locks = current;
    }
    return current;
  }

  private LocalIoException failure(ObjectKey key, String action, IOException e) {
    return new LocalIoException(paths.location(key), action + ": " + DurableFiles.reason(e), e);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Already failing; the first error is the one to report.
      }
    }
  }
}

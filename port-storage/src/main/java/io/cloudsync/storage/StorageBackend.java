package io.cloudsync.storage;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.StorageStats;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The storage port: a flat namespace of objects addressed by {@link ObjectKey}, relative to the
 * backend's root (a folder, or a bucket and prefix).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>No directories.</b> Keys are flat; {@code a/b} may exist without {@code a}. A listing
 *       returns objects only, never folder markers.
 *   <li><b>Missing.</b> {@link #stat} returns empty for a missing key; {@link #read} throws {@link
 *       NotFoundException}; an unconditional {@link #delete} of a missing key succeeds; a
 *       conditional one throws {@link PreconditionFailedException}.
 *   <li><b>Atomic replacement.</b> A reader sees the old content or the new, never a mix; a failed
 *       write leaves the old object (or no object) in place and no partial object visible.
 *   <li><b>Versions.</b> Every successful write yields a new {@link io.cloudsync.core.VersionToken}
 *       different from every earlier one of that key. Conditions compare against it.
 *   <li><b>Hash.</b> Every write stores the SHA-256 of the content it received as the metadata
 *       entry {@value io.cloudsync.core.ContentHash#METADATA_KEY}; {@link RemoteFile#hash()}
 *       returns it.
 *   <li><b>Streaming.</b> Content is streamed both ways; memory does not grow with object size, and
 *       listings are lazy and paginated, so memory does not grow with object count.
 *   <li><b>Errors.</b> Every failure is a {@link StorageException} whose message starts with the
 *       location ({@code s3://bucket/key: not found}) and never holds a secret.
 * </ul>
 *
 * <p>Optional features are separate interfaces: {@link SupportsCopy}, {@link SupportsVersions},
 * {@link SupportsBucketCreation}, {@link SupportsSharedUrls}, {@link SupportsTransferBudget},
 * {@link SupportsDeferredDurability}. Implementations must be safe for use by many threads at once.
 */
public interface StorageBackend extends AutoCloseable {

  /**
   * Lists the objects whose key starts with {@code prefix} ({@code ""} for all), in no guaranteed
   * order, lazily: pages are fetched as the stream is consumed. Objects whose stored name is not a
   * valid key are returned as {@link io.cloudsync.core.RejectedKey} entries, so the caller can
   * report them. Close the stream to release a listing early.
   *
   * @param prefix a key prefix, compared as text ({@code "docs/"} lists a folder)
   */
  Stream<ListEntry> listEntries(String prefix);

  /** The valid objects under {@code prefix}: {@link #listEntries} without rejected keys. */
  default Stream<RemoteFile> list(String prefix) {
    return listEntries(prefix).filter(RemoteFile.class::isInstance).map(RemoteFile.class::cast);
  }

  /** What is stored under {@code key}, or empty when nothing is. */
  Optional<RemoteFile> stat(ObjectKey key);

  /** Whether something is stored under {@code key}. */
  default boolean exists(ObjectKey key) {
    return stat(key).isPresent();
  }

  /**
   * Opens the content of {@code key} for reading. The caller closes the stream.
   *
   * @throws NotFoundException when nothing is stored under the key
   */
  InputStream read(ObjectKey key);

  /**
   * Opens a slice of the content of {@code key}. A range past the end yields the bytes up to the
   * end (possibly none).
   *
   * @throws NotFoundException when nothing is stored under the key
   */
  InputStream read(ObjectKey key, ByteRange range);

  /**
   * Stores exactly {@code length} bytes from {@code content} under {@code key}, with {@code
   * metadata}, if {@code condition} holds at the instant of the write. The stream is read to {@code
   * length} and not closed. A stream that ends early fails the write and stores nothing.
   *
   * @return what is now stored, with its new version token and SHA-256
   * @throws PreconditionFailedException when the condition does not hold
   */
  RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition);

  /**
   * Whether a {@link #write} that declares no {@value io.cloudsync.core.ContentHash#METADATA_KEY}
   * costs no more than one that does: the backend hashes the bytes as it stores them and records
   * the hash before the object becomes visible (a local folder does). When false (the default), a
   * caller that knows the hash should declare it: an S3 PUT, say, sends its metadata before its
   * body, so without a declared hash the backend has to read the content twice.
   */
  default boolean hashesWhileWriting() {
    return false;
  }

  /**
   * Removes {@code key} if {@code condition} holds. Unconditional deletion of a missing key
   * succeeds.
   *
   * @throws PreconditionFailedException when the condition does not hold (including a conditional
   *     delete of a missing key)
   */
  void delete(ObjectKey key, WriteCondition condition);

  /** Name, location, health and capacity. Never throws for an unreachable backend: says so. */
  BackendDescription describe();

  /**
   * Totals over the objects under {@code prefix}. Walks the listing; may be slow on large stores.
   */
  default StorageStats stats(String prefix) {
    try (Stream<RemoteFile> files = list(prefix)) {
      return files.reduce(StorageStats.EMPTY, StorageStats::plus, (a, b) -> a);
    }
  }

  /** The printable location of {@code key}, as used in messages: {@code s3://bucket/prefix/key}. */
  String location(ObjectKey key);

  /** Releases clients and threads. The default holds nothing. */
  @Override
  default void close() {}
}

package io.cloudsync.adapter.gcs;

import static java.util.Objects.requireNonNull;

import com.google.api.gax.paging.Page;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BlobWriteSession;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.CopyWriter;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.Storage.CopyRequest;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendDescription.Health;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32C;

/**
 * A bucket (and key prefix) of Google Cloud Storage, through google-cloud-storage over the JSON
 * API.
 *
 * <h2>Writes and the SHA-256</h2>
 *
 * The object's {@value ContentHash#METADATA_KEY} metadata must be present the instant the object
 * becomes visible (a reader must never see content without its hash), and GCS takes metadata only
 * at the start of an upload. The hash is therefore known before the first byte is sent:
 *
 * <ul>
 *   <li>up to {@link GcsConfig#uploadThreshold()} bytes: the content is read into memory (at most
 *       the threshold), hashed, and sent in one multipart request with its MD5 and CRC32C, which
 *       the server verifies;
 *   <li>above it: the content is streamed once through SHA-256 and CRC32C into a private temporary
 *       file (memory stays constant whatever the size), then uploaded from that file by a resumable
 *       upload (a {@link BlobWriteSession}) in {@link GcsConfig#chunkSize()} requests, with the
 *       CRC32C for the server to verify. The file is deleted when the write ends, successful or
 *       not.
 * </ul>
 *
 * <p>The chunks of a resumable upload go one after the other, never in parallel, so an upload is a
 * single transfer from start to end: this backend has no extra parts to count against a run's
 * {@link io.cloudsync.storage.TransferBudget} and does not implement {@link
 * io.cloudsync.storage.SupportsTransferBudget}; a sync's {@code --transfers} bounds its uploads as
 * whole files.
 *
 * <p>The version token is the object's generation. Conditions become {@code ifGenerationMatch}
 * ({@code 0} for {@link WriteCondition#IF_ABSENT}), evaluated by the server when the object is
 * committed, so a lost race fails with {@link PreconditionFailedException} and stores nothing.
 * Reads first fetch the object's generation and then read that generation only, so a concurrent
 * replacement can fail a read but never mix two contents.
 */
final class GcsStorageBackend implements StorageBackend, SupportsCopy, SupportsBucketCreation {
  private static final int LIST_PAGE_SIZE = 1000;
  private static final int READ_CHUNK_SIZE = 2 << 20;
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final GcsConfig config;
  private final Storage storage;
  private final Map<String, String> details;

  GcsStorageBackend(GcsConfig config, Storage storage) {
    this.config = requireNonNull(config, "config is null");
    this.storage = requireNonNull(storage, "storage is null");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("bucket", config.bucket());
    facts.put("endpoint", config.endpoint().orElse("https://storage.googleapis.com"));
    config.project().ifPresent(p -> facts.put("project", p));
    facts.put("upload-threshold", Long.toString(config.uploadThreshold()));
    facts.put("chunk-size", Integer.toString(config.chunkSize()));
    this.details = Map.copyOf(facts);
  }

  @Override
  public String location(ObjectKey key) {
    return "gs://" + config.bucket() + "/" + config.objectName(key.value());
  }

  private String rootLocation() {
    return config.location();
  }

  private BlobId blobId(ObjectKey key) {
    return BlobId.of(config.bucket(), config.objectName(key.value()));
  }

  private StorageException map(Throwable e, String location) {
    return GcsErrors.map(e, location, config.bucket());
  }

  // ------------------------------------------------------------------ listing

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    requireNonNull(prefix, "prefix is null");
    String namePrefix = config.rootPrefix() + prefix;
    Iterator<ListEntry> entries = new Listing(namePrefix);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Fetches pages as they are consumed; the first request is made on the first demand. */
  private final class Listing implements Iterator<ListEntry> {
    private final String namePrefix;
    private Iterator<Blob> blobs;
    private ListEntry next;

    Listing(String namePrefix) {
      this.namePrefix = namePrefix;
    }

    @Override
    public boolean hasNext() {
      try {
        if (blobs == null) {
          Page<Blob> first =
              storage.list(
                  config.bucket(),
                  BlobListOption.prefix(namePrefix),
                  BlobListOption.pageSize(LIST_PAGE_SIZE));
          blobs = first.iterateAll().iterator();
        }
        while (next == null && blobs.hasNext()) {
          next = toEntry(blobs.next());
        }
        return next != null;
      } catch (RuntimeException e) {
        throw map(e, "gs://" + config.bucket() + "/" + namePrefix);
      }
    }

    @Override
    public ListEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ListEntry entry = next;
      next = null;
      return entry;
    }
  }

  /** The entry for a listed object, or null for a folder marker. */
  private ListEntry toEntry(Blob blob) {
    String name = blob.getName();
    String raw = name.substring(Math.min(config.rootPrefix().length(), name.length()));
    if ((raw.isEmpty() || raw.endsWith("/")) && sizeOf(blob) == 0) {
      return null;
    }
    if (!Normalizer.isNormalized(raw, Normalizer.Form.NFC)) {
      return new RejectedKey(raw, "key is not in Unicode NFC");
    }
    Optional<ObjectKey> key = ObjectKey.tryParse(raw);
    if (key.isEmpty()) {
      return RejectedKey.of(raw);
    }
    return toRemoteFile(key.get(), blob);
  }

  private static long sizeOf(BlobInfo blob) {
    Long size = blob.getSize();
    return size == null ? 0 : size;
  }

  private static RemoteFile toRemoteFile(ObjectKey key, BlobInfo blob) {
    Map<String, String> metadata = new HashMap<>();
    if (blob.getMetadata() != null) {
      blob.getMetadata()
          .forEach(
              (k, v) -> {
                if (k != null && v != null) {
                  metadata.put(k, v);
                }
              });
    }
    Optional<ContentHash> hash = Optional.empty();
    String hex = metadata.get(ContentHash.METADATA_KEY);
    if (hex != null) {
      try {
        hash = Optional.of(ContentHash.ofHex(hex));
      } catch (IllegalArgumentException e) {
        hash = Optional.empty();
      }
    }
    OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
    if (updated == null) {
      updated = blob.getCreateTimeOffsetDateTime();
    }
    Instant modified = updated == null ? Instant.EPOCH : updated.toInstant();
    return new RemoteFile(
        key,
        sizeOf(blob),
        modified,
        hash,
        VersionToken.of(Long.toString(blob.getGeneration())),
        metadata);
  }

  // ------------------------------------------------------------------ reading

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    return blob(key).map(b -> toRemoteFile(key, b));
  }

  private Optional<Blob> blob(ObjectKey key) {
    requireNonNull(key, "key is null");
    try {
      return Optional.ofNullable(storage.get(blobId(key)));
    } catch (RuntimeException e) {
      throw map(e, location(key));
    }
  }

  @Override
  public InputStream read(ObjectKey key) {
    return open(key, 0, Long.MAX_VALUE);
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    requireNonNull(range, "range is null");
    return open(key, range.offset(), range.length());
  }

  private InputStream open(ObjectKey key, long offset, long length) {
    Blob blob = blob(key).orElseThrow(() -> missing(key));
    long size = sizeOf(blob);
    if (offset >= size || length == 0) {
      return InputStream.nullInputStream();
    }
    long end = length >= size - offset ? size : offset + length;
    try {
      ReadChannel reader =
          storage.reader(BlobId.of(config.bucket(), blob.getName(), blob.getGeneration()));
      reader.setChunkSize(READ_CHUNK_SIZE);
      if (offset > 0) {
        reader.seek(offset);
      }
      if (end < size) {
        reader = reader.limit(end);
      }
      return started(new MappedInputStream(Channels.newInputStream(reader), location(key)));
    } catch (IOException | RuntimeException e) {
      throw map(e, location(key));
    }
  }

  /**
   * Starts the download before returning: the first byte is read (the response is under way), so a
   * replacement of the object after {@code read} returns cannot fail or change this read, and a
   * missing object fails here rather than at the caller's first read.
   */
  private static InputStream started(InputStream in) throws IOException {
    PushbackInputStream stream = new PushbackInputStream(in, 1);
    int first;
    try {
      first = stream.read();
    } catch (IOException e) {
      stream.close();
      if (e.getCause() instanceof StorageException mapped) {
        throw mapped;
      }
      throw e;
    }
    if (first >= 0) {
      stream.unread(first);
    }
    return stream;
  }

  private NotFoundException missing(ObjectKey key) {
    try {
      if (storage.get(config.bucket()) == null) {
        return new NotFoundException(
            location(key), "bucket '" + config.bucket() + "' does not exist");
      }
    } catch (RuntimeException e) {
      // The object is missing either way; say so.
    }
    return new NotFoundException(location(key), "not found");
  }

  /** Reports a failure in the middle of a download with the object's location. */
  private final class MappedInputStream extends FilterInputStream {
    private final String location;

    MappedInputStream(InputStream in, String location) {
      super(in);
      this.location = location;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    private IOException failure(Exception e) {
      Throwable cause = e instanceof IOException && e.getCause() != null ? e.getCause() : e;
      StorageException mapped = map(cause, location);
      return new IOException(mapped.getMessage(), mapped);
    }
  }

  // ------------------------------------------------------------------ writing

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
    String location = location(key);
    if (length <= config.uploadThreshold()) {
      return writeInOneRequest(key, content, (int) length, metadata, condition, location);
    }
    return writeResumable(key, content, length, metadata, condition, location);
  }

  private RemoteFile writeInOneRequest(
      ObjectKey key,
      InputStream content,
      int length,
      Map<String, String> metadata,
      WriteCondition condition,
      String location) {
    byte[] bytes;
    try {
      bytes = content.readNBytes(length);
    } catch (IOException e) {
      throw new LocalIoException(location, "cannot read the content to upload: " + e, e);
    }
    if (bytes.length < length) {
      throw shortContent(location, bytes.length, length);
    }
    ContentHash hash = ContentHasher.sha256().hash(bytes);
    BlobInfo info = blobInfo(key, metadata, hash).build();
    try {
      Blob blob = storage.create(info, bytes, targetOptions(condition, location));
      return toRemoteFile(key, blob);
    } catch (RuntimeException e) {
      throw map(e, location);
    }
  }

  private RemoteFile writeResumable(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition,
      String location) {
    Path spool;
    try {
      spool = Files.createTempFile("cloudsync-gcs-", ".upload");
    } catch (IOException e) {
      throw new LocalIoException(
          location, "cannot create a temporary file for the upload: " + e.getMessage(), e);
    }
    try {
      CRC32C crc = new CRC32C();
      var hashing = ContentHasher.sha256().hashing(content);
      long copied = 0;
      try (OutputStream out = Files.newOutputStream(spool)) {
        byte[] buffer = new byte[1 << 16];
        while (copied < length) {
          int n = hashing.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
          if (n < 0) {
            break;
          }
          crc.update(buffer, 0, n);
          out.write(buffer, 0, n);
          copied += n;
        }
      } catch (IOException e) {
        throw new LocalIoException(location, "cannot spool the content to upload: " + e, e);
      }
      if (copied < length) {
        throw shortContent(location, copied, length);
      }
      byte[] crcBytes = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
      BlobInfo info =
          blobInfo(key, metadata, hashing.hash())
              .setCrc32c(Base64.getEncoder().encodeToString(crcBytes))
              .build();
      return upload(key, info, spool, condition, location);
    } finally {
      try {
        Files.deleteIfExists(spool);
      } catch (IOException e) {
        // A temporary file in the system's temporary folder; nothing more to do.
      }
    }
  }

  /**
   * Uploads the spooled content by a resumable upload: a {@link BlobWriteSession} (the client's
   * write channel, configured by the provider for chunk-size requests), whose result is the stored
   * object with its generation.
   */
  private RemoteFile upload(
      ObjectKey key, BlobInfo info, Path spool, WriteCondition condition, String location) {
    try {
      BlobWriteSession session = storage.blobWriteSession(info, writeOptions(condition, location));
      try (WritableByteChannel out = session.open();
          FileChannel in = FileChannel.open(spool, StandardOpenOption.READ)) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        while (in.read(buffer) >= 0) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          buffer.clear();
        }
      }
      return toRemoteFile(key, session.getResult().get());
    } catch (ExecutionException e) {
      throw map(e.getCause(), location);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalIoException(location, "interrupted while uploading", e);
    } catch (IOException e) {
      throw map(e.getCause() instanceof RuntimeException c ? c : e, location);
    } catch (RuntimeException e) {
      throw map(e, location);
    }
  }

  private BlobInfo.Builder blobInfo(ObjectKey key, Map<String, String> metadata, ContentHash hash) {
    Map<String, String> all = new HashMap<>(metadata);
    all.put(ContentHash.METADATA_KEY, hash.hex());
    return BlobInfo.newBuilder(blobId(key)).setContentType(CONTENT_TYPE).setMetadata(all);
  }

  private static LocalIoException shortContent(String location, long got, long length) {
    return new LocalIoException(
        location,
        "the content ended after " + got + " of " + length + " bytes; nothing was stored");
  }

  private static long generation(VersionToken version, String location) {
    try {
      return Long.parseLong(version.value());
    } catch (NumberFormatException e) {
      throw new PreconditionFailedException(
          location, "version '" + version.value() + "' is not a GCS generation");
    }
  }

  private static BlobTargetOption[] targetOptions(WriteCondition condition, String location) {
    return switch (condition) {
      case WriteCondition.Unconditional u -> new BlobTargetOption[0];
      case WriteCondition.IfAbsent a -> new BlobTargetOption[] {BlobTargetOption.doesNotExist()};
      case WriteCondition.IfMatch m ->
          new BlobTargetOption[] {
            BlobTargetOption.generationMatch(generation(m.version(), location))
          };
    };
  }

  private static BlobWriteOption[] writeOptions(WriteCondition condition, String location) {
    BlobWriteOption crc = BlobWriteOption.crc32cMatch();
    return switch (condition) {
      case WriteCondition.Unconditional u -> new BlobWriteOption[] {crc};
      case WriteCondition.IfAbsent a -> new BlobWriteOption[] {crc, BlobWriteOption.doesNotExist()};
      case WriteCondition.IfMatch m ->
          new BlobWriteOption[] {
            crc, BlobWriteOption.generationMatch(generation(m.version(), location))
          };
    };
  }

  // ------------------------------------------------------------------ delete and copy

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(condition, "condition is null");
    String location = location(key);
    try {
      switch (condition) {
        case WriteCondition.Unconditional u -> storage.delete(blobId(key));
        case WriteCondition.IfAbsent a -> {
          boolean deleted = storage.delete(blobId(key), BlobSourceOption.generationMatch(0));
          if (!deleted) {
            throw new PreconditionFailedException(
                location, "precondition failed: the object does not exist");
          }
        }
        case WriteCondition.IfMatch m -> {
          long generation = generation(m.version(), location);
          boolean deleted =
              storage.delete(blobId(key), BlobSourceOption.generationMatch(generation));
          if (!deleted) {
            throw new PreconditionFailedException(
                location, "precondition failed: the object does not exist");
          }
        }
      }
    } catch (RuntimeException e) {
      throw map(e, location);
    }
  }

  @Override
  public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(condition, "condition is null");
    String targetLocation = location(target);
    CopyRequest request =
        CopyRequest.newBuilder()
            .setSource(blobId(source))
            .setTarget(blobId(target), java.util.List.of(targetOptions(condition, targetLocation)))
            .build();
    try {
      CopyWriter writer = storage.copy(request);
      return toRemoteFile(target, writer.getResult());
    } catch (com.google.cloud.storage.StorageException e) {
      if (e.getCode() == 404 && !GcsErrors.isBucketMissing(String.valueOf(e.getMessage()))) {
        throw new NotFoundException(location(source), "not found", e);
      }
      throw map(e, targetLocation);
    } catch (RuntimeException e) {
      throw map(e, targetLocation);
    }
  }

  // ------------------------------------------------------------------ bucket and description

  @Override
  public boolean createBucket() {
    String location = "gs://" + config.bucket();
    if (storage.getOptions().getProjectId() == null) {
      throw new InvalidConfigException(
          location,
          "creating a bucket needs a project: add ?project=ID to the URI or project: to the gcs:"
              + " section of cloudsync.yaml");
    }
    try {
      storage.create(BucketInfo.of(config.bucket()));
      return true;
    } catch (com.google.cloud.storage.StorageException e) {
      if (e.getCode() != 409) {
        throw map(e, location);
      }
    } catch (RuntimeException e) {
      throw map(e, location);
    }
    try {
      if (storage.get(config.bucket()) != null) {
        return false;
      }
    } catch (com.google.cloud.storage.StorageException e) {
      if (e.getCode() != 403) {
        throw map(e, location);
      }
    }
    throw new AccessDeniedException(
        location, "the bucket name is taken by another project; choose another name");
  }

  @Override
  public BackendDescription describe() {
    try {
      Bucket bucket = storage.get(config.bucket());
      if (bucket == null) {
        return description(
            Health.MISSING, Optional.of("bucket '" + config.bucket() + "' does not exist"));
      }
      return description(Health.CONNECTED, Optional.empty());
    } catch (RuntimeException e) {
      StorageException mapped = map(e, rootLocation());
      Health health =
          switch (mapped) {
            case AccessDeniedException a -> Health.UNAUTHORIZED;
            case NotFoundException n -> Health.MISSING;
            case BackendUnreachableException u -> Health.UNREACHABLE;
            default -> Health.UNREACHABLE;
          };
      return description(health, Optional.of(mapped.detail()));
    }
  }

  private BackendDescription description(Health health, Optional<String> detail) {
    return new BackendDescription("gcs", rootLocation(), health, detail, Optional.empty(), details);
  }

  @Override
  public void close() {
    try {
      storage.close();
    } catch (Exception e) {
      // Releasing the client's threads; nothing left to report.
    }
  }
}

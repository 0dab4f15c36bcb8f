package io.cloudsync.adapter.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.ConsistentReadControl;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.AttachedTransferBudget;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendDescription.Health;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Azure Blob Storage behind the port: block blobs in one container, under a prefix.
 *
 * <p>Content above the single-upload threshold is staged as blocks, up to {@code concurrency} of
 * one upload at once, within the backend's upload buffer. While a sync run has attached its {@link
 * TransferBudget}, the blocks in flight are bounded by it too: an upload's first block rides on the
 * permit of the action that runs it, each further block takes a spare permit without waiting, and
 * with none spare the blocks go one at a time.
 */
final class AzureStorageBackend
    implements StorageBackend, SupportsCopy, SupportsBucketCreation, SupportsTransferBudget {

  private static final int DOWNLOAD_CHUNK = 4 << 20;
  private static final String HASH_NAME = MetadataNames.encode(ContentHash.METADATA_KEY);
  private static final String FOLDER_MARKER = "hdi_isfolder";

  private final AzureConfig config;
  private final BlobContainerClient container;
  private final String endpoint;
  private final Optional<String> sasToken;
  private final AzureErrors errors;
  private final ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor();
  private final UploadBudget budget;
  private final AttachedTransferBudget transferBudget = new AttachedTransferBudget();

  AzureStorageBackend(AzureConfig config, AzureClients.Clients clients) {
    this.config = requireNonNull(config, "config is null");
    this.container = clients.container();
    this.endpoint = clients.endpoint();
    this.sasToken = clients.sasToken();
    this.errors = new AzureErrors(config.container(), endpoint);
    this.budget = new UploadBudget(config.uploadBuffer());
  }

  @Override
  public Attachment attachTransferBudget(TransferBudget budget) {
    return transferBudget.attach(budget);
  }

  // ---- names

  private String blobName(ObjectKey key) {
    return config.prefix().isEmpty() ? key.value() : config.prefix() + "/" + key.value();
  }

  private String rootPrefix() {
    return config.prefix().isEmpty() ? "" : config.prefix() + "/";
  }

  @Override
  public String location(ObjectKey key) {
    return config.location() + "/" + key.value();
  }

  private String containerLocation() {
    return "az://" + config.container();
  }

  private BlockBlobClient blockBlob(ObjectKey key) {
    return container.getBlobClient(blobName(key)).getBlockBlobClient();
  }

  // ---- listing

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    requireNonNull(prefix, "prefix is null");
    String root = rootPrefix();
    ListBlobsOptions options =
        new ListBlobsOptions()
            .setPrefix(root + prefix)
            .setMaxResultsPerPage(config.listPageSize())
            .setDetails(new BlobListDetails().setRetrieveMetadata(true));
    String location = prefix.isEmpty() ? config.location() : config.location() + "/" + prefix;
    Iterator<BlobItem> items =
        new MappedIterator<>(() -> container.listBlobs(options, null).iterator(), location);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .filter(item -> item.getName().startsWith(root) && !isFolderMarker(item))
        .map(item -> toEntry(item, item.getName().substring(root.length())));
  }

  private static boolean isFolderMarker(BlobItem item) {
    Map<String, String> metadata = item.getMetadata();
    boolean marked = metadata != null && "true".equalsIgnoreCase(metadata.get(FOLDER_MARKER));
    Long size = item.getProperties() == null ? null : item.getProperties().getContentLength();
    return marked || (item.getName().endsWith("/") && (size == null || size == 0));
  }

  private ListEntry toEntry(BlobItem item, String relative) {
    Optional<ObjectKey> key = ObjectKey.tryParse(relative);
    if (key.isEmpty()) {
      return RejectedKey.of(relative);
    }
    if (!key.get().value().equals(relative)) {
      // Stored by another tool in another Unicode form: no key reaches this exact blob name.
      return new RejectedKey(relative, "name is not in Unicode NFC");
    }
    BlobItemProperties props = item.getProperties();
    return remoteFile(
        key.get(),
        props.getContentLength() == null ? 0 : props.getContentLength(),
        props.getLastModified(),
        props.getETag(),
        item.getMetadata());
  }

  private static RemoteFile remoteFile(
      ObjectKey key, long size, OffsetDateTime modified, String etag, Map<String, String> stored) {
    Map<String, String> metadata = MetadataNames.decodeAll(stored);
    Optional<ContentHash> hash =
        Optional.ofNullable(metadata.get(ContentHash.METADATA_KEY))
            .flatMap(AzureStorageBackend::parseHash);
    return new RemoteFile(
        key,
        size,
        modified == null ? Instant.EPOCH : modified.toInstant(),
        hash,
        VersionToken.of(etag),
        metadata);
  }

  private static Optional<ContentHash> parseHash(String hex) {
    try {
      return Optional.of(ContentHash.ofHex(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Pulls pages as the stream is consumed, mapping the SDK's errors as they surface. */
  private final class MappedIterator<T> implements Iterator<T> {
    private final java.util.function.Supplier<Iterator<T>> opener;
    private final String location;
    private Iterator<T> delegate;

    MappedIterator(java.util.function.Supplier<Iterator<T>> opener, String location) {
      this.opener = opener;
      this.location = location;
    }

    private Iterator<T> delegate() {
      if (delegate == null) {
        delegate = opener.get();
      }
      return delegate;
    }

    @Override
    public boolean hasNext() {
      try {
        return delegate().hasNext();
      } catch (RuntimeException e) {
        throw errors.map(e, location);
      }
    }

    @Override
    public T next() {
      try {
        return delegate().next();
      } catch (RuntimeException e) {
        throw errors.map(e, location);
      }
    }
  }

  // ---- reading

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    requireNonNull(key, "key is null");
    try {
      BlobProperties props = blockBlob(key).getProperties();
      return Optional.of(
          remoteFile(
              key,
              props.getBlobSize(),
              props.getLastModified(),
              props.getETag(),
              props.getMetadata()));
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404 && !isContainerMissing(e)) {
        return Optional.empty();
      }
      throw errors.map(e, location(key));
    } catch (RuntimeException e) {
      throw errors.map(e, location(key));
    }
  }

  private static boolean isContainerMissing(BlobStorageException e) {
    return BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
  }

  @Override
  public InputStream read(ObjectKey key) {
    requireNonNull(key, "key is null");
    return open(key, new BlobInputStreamOptions());
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    requireNonNull(key, "key is null");
    requireNonNull(range, "range is null");
    RemoteFile file =
        stat(key).orElseThrow(() -> new NotFoundException(location(key), "not found"));
    long available = Math.max(0, file.size() - range.offset());
    long length = Math.min(range.length(), available);
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    return open(
        key,
        new BlobInputStreamOptions()
            .setRange(new BlobRange(range.offset(), length))
            .setRequestConditions(new BlobRequestConditions().setIfMatch(file.version().value())));
  }

  private InputStream open(ObjectKey key, BlobInputStreamOptions options) {
    try {
      return blockBlob(key)
          .openInputStream(
              options
                  .setBlockSize(DOWNLOAD_CHUNK)
                  .setConsistentReadControl(ConsistentReadControl.ETAG));
    } catch (RuntimeException e) {
      throw errors.map(e, location(key));
    }
  }

  // ---- writing

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
    BlockBlobClient blob = blockBlob(key);
    BlobRequestConditions conditions = conditions(condition);
    try {
      return length <= config.singleUploadThreshold()
          ? putSingle(key, blob, content, (int) length, metadata, conditions)
          : putBlocks(key, blob, content, length, metadata, conditions);
    } catch (IOException e) {
      throw errors.map(e, location, condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.map(new java.io.InterruptedIOException("upload interrupted"), location);
    } catch (RuntimeException e) {
      throw errors.map(e, location, condition);
    }
  }

  private RemoteFile putSingle(
      ObjectKey key,
      BlockBlobClient blob,
      InputStream content,
      int length,
      Map<String, String> metadata,
      BlobRequestConditions conditions)
      throws IOException, InterruptedException {
    budget.acquire(length);
    try {
      return putSingleWithin(key, blob, content, length, metadata, conditions);
    } finally {
      budget.release(length);
    }
  }

  private RemoteFile putSingleWithin(
      ObjectKey key,
      BlockBlobClient blob,
      InputStream content,
      int length,
      Map<String, String> metadata,
      BlobRequestConditions conditions)
      throws IOException {
    byte[] bytes;
    try {
      bytes = content.readNBytes(length);
    } catch (IOException e) {
      throw new AzureErrors.ContentReadException(e);
    } catch (java.io.UncheckedIOException e) {
      throw new AzureErrors.ContentReadException(e.getCause());
    }
    if (bytes.length < length) {
      throw new AzureErrors.ContentShortException(bytes.length, length);
    }
    ContentHash hash = ContentHasher.sha256().hash(bytes);
    Map<String, String> stored = storedMetadata(metadata, hash);
    Response<BlockBlobItem> response =
        blob.uploadWithResponse(
            new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(bytes))
                .setHeaders(headers())
                .setMetadata(stored)
                .setRequestConditions(conditions),
            null,
            Context.NONE);
    return written(key, length, response.getValue(), stored);
  }

  private RemoteFile putBlocks(
      ObjectKey key,
      BlockBlobClient blob,
      InputStream content,
      long length,
      Map<String, String> metadata,
      BlobRequestConditions conditions)
      throws IOException, InterruptedException {
    HashingInputStream hashing = ContentHasher.sha256().hashing(content);
    List<String> ids =
        new BlockUpload(
                blob,
                uploads,
                config.blockSize(),
                config.concurrency(),
                budget,
                transferBudget.forUpload())
            .stage(hashing, length);
    Map<String, String> stored = storedMetadata(metadata, hashing.hash());
    Response<BlockBlobItem> response =
        blob.commitBlockListWithResponse(
            new BlockBlobCommitBlockListOptions(ids)
                .setHeaders(headers())
                .setMetadata(stored)
                .setRequestConditions(conditions),
            null,
            Context.NONE);
    return written(key, length, response.getValue(), stored);
  }

  private static BlobHttpHeaders headers() {
    return new BlobHttpHeaders().setContentType("application/octet-stream");
  }

  private static Map<String, String> storedMetadata(
      Map<String, String> metadata, ContentHash hash) {
    Map<String, String> plain = new LinkedHashMap<>(metadata);
    plain.put(ContentHash.METADATA_KEY, hash.hex());
    return MetadataNames.encodeAll(plain);
  }

  private static RemoteFile written(
      ObjectKey key, long length, BlockBlobItem item, Map<String, String> stored) {
    return remoteFile(key, length, item.getLastModified(), item.getETag(), stored);
  }

  private static BlobRequestConditions conditions(WriteCondition condition) {
    return switch (condition) {
      case WriteCondition.Unconditional u -> null;
      case WriteCondition.IfAbsent a -> new BlobRequestConditions().setIfNoneMatch("*");
      case WriteCondition.IfMatch m -> new BlobRequestConditions().setIfMatch(m.version().value());
    };
  }

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(condition, "condition is null");
    try {
      blockBlob(key)
          .deleteWithResponse(
              DeleteSnapshotsOptionType.INCLUDE, conditions(condition), null, Context.NONE);
    } catch (BlobStorageException e) {
      boolean unconditional = condition instanceof WriteCondition.Unconditional;
      if (unconditional && e.getStatusCode() == 404 && !isContainerMissing(e)) {
        return;
      }
      throw errors.map(e, location(key), condition);
    } catch (RuntimeException e) {
      throw errors.map(e, location(key), condition);
    }
  }

  // ---- optional features

  @Override
  public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(condition, "condition is null");
    RemoteFile original =
        stat(source).orElseThrow(() -> new NotFoundException(location(source), "not found"));
    BlobClient from = container.getBlobClient(blobName(source));
    BlobClient to = container.getBlobClient(blobName(target));
    String sourceUrl = from.getBlobUrl() + sasToken.map(s -> "?" + s).orElse("");
    try {
      BlobRequestConditions destination = conditions(condition);
      SyncPoller<BlobCopyInfo, Void> poller =
          to.beginCopy(
              new BlobBeginCopyOptions(sourceUrl)
                  .setSourceRequestConditions(
                      new com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions()
                          .setIfMatch(original.version().value()))
                  .setDestinationRequestConditions(
                      destination == null ? new BlobRequestConditions() : destination)
                  .setPollInterval(Duration.ofMillis(200)));
      PollResponse<BlobCopyInfo> done = poller.waitForCompletion(Duration.ofHours(1));
      BlobCopyInfo info = done.getValue();
      if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED
          || info == null
          || info.getCopyStatus() != CopyStatusType.SUCCESS) {
        throw new AzureErrors.AzureRequestFailedException(
            location(target),
            "server-side copy from "
                + location(source)
                + " did not succeed ("
                + (info == null ? done.getStatus() : info.getCopyStatus())
                + ")",
            null);
      }
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.map(e, location(target), condition);
    }
    return stat(target)
        .orElseThrow(() -> new NotFoundException(location(target), "vanished right after copy"));
  }

  @Override
  public boolean createBucket() {
    try {
      return container.createIfNotExists();
    } catch (RuntimeException e) {
      throw errors.map(e, containerLocation());
    }
  }

  // ---- description

  @Override
  public BackendDescription describe() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("account", container.getAccountName());
    details.put("container", config.container());
    if (!config.prefix().isEmpty()) {
      details.put("prefix", config.prefix());
    }
    details.put("endpoint", endpoint);
    details.put("credentials", config.credentials().describe());
    Health health;
    Optional<String> why = Optional.empty();
    try {
      container.getProperties();
      health = Health.CONNECTED;
    } catch (RuntimeException e) {
      StorageException mapped = errors.map(e, config.location());
      why = Optional.of(mapped.detail());
      health =
          switch (mapped) {
            case NotFoundException n -> Health.MISSING;
            case io.cloudsync.storage.AccessDeniedException a -> Health.UNAUTHORIZED;
            default -> Health.UNREACHABLE;
          };
    }
    return new BackendDescription(
        "azure", config.location(), health, why, Optional.empty(), details);
  }

  @Override
  public void close() {
    uploads.shutdownNow();
  }

  @Override
  public String toString() {
    return "AzureStorageBackend[" + config.location() + " at " + endpoint + "]";
  }
}

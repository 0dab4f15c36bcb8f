package io.cloudsync.adapter.s3;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.AttachedTransferBudget;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendDescription.Health;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A bucket (and prefix) of Amazon S3 or of an S3-compatible store.
 *
 * <h2>How the SHA-256 reaches the metadata</h2>
 *
 * S3 takes metadata in the request headers, before the body, so the hash must be known before the
 * first byte travels. A caller that knows it (the sync engine hashes each file as it scans) passes
 * it as {@code cloudsync-sha256}: the content then streams straight through, single request or
 * parts, and is hashed on the way; a mismatch (the file changed while it was read) cuts the request
 * short or aborts the multipart upload, so nothing is stored. Without a declared hash, content up
 * to 1 MiB is read into memory and hashed, and larger content is spooled to a temporary file while
 * hashed, then sent from the file. Memory stays flat either way: one part buffer per part in flight
 * (bounded per backend by {@link PartBuffers}), never the whole object. Uploading first and setting
 * the hash afterwards with a self-copy was rejected: it briefly exposes an object without its hash,
 * creates two versions, and copies are limited to 5 GiB.
 *
 * <h2>Parts in parallel</h2>
 *
 * The parts of one upload travel at once up to what the part buffers allow ({@code
 * part-concurrency} for all uploads of the backend together). While a sync run has attached its
 * {@link TransferBudget}, they are also bounded by it: an upload's first part in flight rides on
 * the permit of the action that runs the upload, each further part takes a spare permit without
 * waiting, and with none spare the upload sends one part at a time. So {@code --transfers} bounds
 * whole files and parts together, and the buffers still bound the memory.
 *
 * <p>Thread-safe. The SDK client and the part threads are created on first use.
 */
final class S3StorageBackend
    implements StorageBackend, SupportsCopy, SupportsBucketCreation, SupportsTransferBudget {
  /** Content up to this size without a declared hash is hashed in memory rather than spooled. */
  static final int IN_MEMORY_LIMIT = 1 << 20;

  private final S3Config config;
  private final S3ClientFactory clients;
  private final S3Errors errors;
  private final String rootPrefix;
  private final PartBuffers buffers;
  private final AttachedTransferBudget transferBudget = new AttachedTransferBudget();
  private final int listPageSize;
  private final Object lock = new Object();
  private volatile ExecutorService partThreads;
  private volatile Boolean versioned;

  S3StorageBackend(S3Config config, S3ClientFactory clients) {
    this(config, clients, 1000);
  }

  /**
   * @param listPageSize keys per listing page: S3's largest, 1,000, except in tests of paging
   */
  S3StorageBackend(S3Config config, S3ClientFactory clients, int listPageSize) {
    this.listPageSize = listPageSize;
    this.config = requireNonNull(config, "config is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.errors =
        new S3Errors(
            "s3://" + config.bucket(), config.region().orElse(S3ClientFactory.DEFAULT_REGION));
    this.rootPrefix = config.prefix().isEmpty() ? "" : config.prefix() + "/";
    this.buffers = new PartBuffers(config.partConcurrency(), config.partSize());
  }

  S3Client client() {
    return clients.standard();
  }

  /** The client for requests whose body can be read once: it never repeats them. */
  private S3Client oneShotClient() {
    return clients.withoutRetries();
  }

  private ExecutorService partThreads() {
    ExecutorService current = partThreads;
    if (current == null) {
      synchronized (lock) {
        current = partThreads;
        if (current == null) {
          AtomicInteger count = new AtomicInteger();
          current =
              Executors.newCachedThreadPool(
                  r -> {
                    Thread thread = new Thread(r, "cloudsync-s3-part-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                  });
          partThreads = current;
        }
      }
    }
    return current;
  }

  @Override
  public Attachment attachTransferBudget(TransferBudget budget) {
    return transferBudget.attach(budget);
  }

  S3Config config() {
    return config;
  }

  S3ClientFactory clients() {
    return clients;
  }

  String s3Key(ObjectKey key) {
    return rootPrefix + key.value();
  }

  @Override
  public String location(ObjectKey key) {
    return config.location() + "/" + key.value();
  }

  // ---- listing and reading

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    requireNonNull(prefix, "prefix is null");
    String location = config.location() + (prefix.isEmpty() ? "" : "/" + prefix);
    S3Listing listing =
        new S3Listing(
            this::client,
            config.bucket(),
            rootPrefix,
            prefix,
            this::versioned,
            listPageSize,
            e -> errors.map(location, e));
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(listing, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Whether the bucket keeps versions; asked once. A store that does not answer the question
   * (S3-compatible stores without versioning, credentials without that permission) is taken as
   * unversioned.
   */
  private boolean versioned() {
    Boolean known = versioned;
    if (known == null) {
      try {
        BucketVersioningStatus status =
            client().getBucketVersioning(r -> r.bucket(config.bucket())).status();
        known =
            status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
      } catch (AwsServiceException e) {
        StorageException mapped = errors.map(config.location(), e);
        if (mapped instanceof NotFoundException || isCredentialProblem(e)) {
          throw mapped;
        }
        known = false;
      }
      versioned = known;
    }
    return known;
  }

  private static boolean isCredentialProblem(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code);
  }

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    requireNonNull(key, "key is null");
    try {
      HeadObjectResponse head = client().headObject(r -> r.bucket(config.bucket()).key(s3Key(key)));
      return Optional.of(remoteFile(key, head));
    } catch (RuntimeException e) {
      StorageException mapped = errors.map(location(key), e);
      if (mapped instanceof NotFoundException) {
        return Optional.empty();
      }
      throw mapped;
    }
  }

  private RemoteFile remoteFile(ObjectKey key, HeadObjectResponse head) {
    Map<String, String> metadata = head.metadata();
    return new RemoteFile(
        key,
        head.contentLength() == null ? 0 : head.contentLength(),
        head.lastModified() == null ? Instant.EPOCH : head.lastModified(),
        hashIn(metadata),
        VersionTokens.of(head.eTag(), head.versionId()),
        metadata);
  }

  private static Optional<ContentHash> hashIn(Map<String, String> metadata) {
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(ContentHash.METADATA_KEY)) {
        try {
          return Optional.of(ContentHash.ofHex(entry.getValue().strip()));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public InputStream read(ObjectKey key) {
    requireNonNull(key, "key is null");
    try {
      return new AbortingStream(client().getObject(r -> r.bucket(config.bucket()).key(s3Key(key))));
    } catch (RuntimeException e) {
      throw errors.map(location(key), e);
    }
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    requireNonNull(key, "key is null");
    requireNonNull(range, "range is null");
    if (range.length() == 0) {
      requireExists(key);
      return InputStream.nullInputStream();
    }
    String header = "bytes=" + range.offset() + "-" + range.lastInclusive();
    try {
      ResponseInputStream<GetObjectResponse> response =
          client().getObject(r -> r.bucket(config.bucket()).key(s3Key(key)).range(header));
      return new AbortingStream(response);
    } catch (AwsServiceException e) {
      if (e.statusCode() == 416) {
        // The range starts at or past the end: no bytes, if the object exists at all.
        requireExists(key);
        return InputStream.nullInputStream();
      }
      throw errors.map(location(key), e);
    } catch (RuntimeException e) {
      throw errors.map(location(key), e);
    }
  }

  private void requireExists(ObjectKey key) {
    if (stat(key).isEmpty()) {
      throw new NotFoundException(location(key), "not found");
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
    Optional<ContentHash> declared = hashIn(metadata);
    Map<String, String> userMetadata = new LinkedHashMap<>();
    metadata.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase(ContentHash.METADATA_KEY)) {
            userMetadata.put(name.toLowerCase(Locale.ROOT), value);
          }
        });
    try {
      if (length == 0) {
        if (declared.isPresent() && !declared.get().equals(ContentHash.EMPTY)) {
          throw new LocalIoException(
              location, "the content does not match its declared " + ContentHash.METADATA_KEY);
        }
        return put(key, ContentHash.EMPTY, 0, userMetadata, condition, RequestBody.empty(), false);
      }
      if (declared.isPresent()) {
        ExactLengthStream stream = new ExactLengthStream(content, length, declared);
        return send(key, declared.get(), length, userMetadata, condition, stream, Optional.empty());
      }
      if (length <= IN_MEMORY_LIMIT) {
        ExactLengthStream stream = new ExactLengthStream(content, length, Optional.empty());
        byte[] bytes = stream.readNBytes((int) length);
        if (!stream.complete()) {
          throw new SourceStreamException("the content ended early");
        }
        return put(
            key,
            stream.hash(),
            length,
            userMetadata,
            condition,
            RequestBody.fromBytes(bytes),
            false);
      }
      return sendSpooled(key, content, length, userMetadata, condition);
    } catch (SourceStreamException e) {
      throw new LocalIoException(location, e.getMessage(), e);
    } catch (IOException e) {
      throw new LocalIoException(location, "reading the content failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw conditional(errors.map(location, e), condition, location);
    }
  }

  /** Spools content of unknown hash to a temporary file, hashing it, then sends it from there. */
  private RemoteFile sendSpooled(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> userMetadata,
      WriteCondition condition)
      throws IOException {
    Path spool = Files.createTempFile("cloudsync-s3-", ".spool");
    try {
      ExactLengthStream stream = new ExactLengthStream(content, length, Optional.empty());
      try (OutputStream out = Files.newOutputStream(spool)) {
        stream.transferTo(out);
      }
      ContentHash hash = stream.hash();
      try (InputStream again = Files.newInputStream(spool)) {
        return send(
            key,
            hash,
            length,
            userMetadata,
            condition,
            new ExactLengthStream(again, length, Optional.of(hash)),
            Optional.of(spool));
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** Sends content whose hash is known: one request below the threshold, parts above it. */
  private RemoteFile send(
      ObjectKey key,
      ContentHash hash,
      long length,
      Map<String, String> userMetadata,
      WriteCondition condition,
      ExactLengthStream stream,
      Optional<Path> file)
      throws IOException {
    if (length < config.multipartThreshold()) {
      if (file.isPresent()) {
        return put(
            key, hash, length, userMetadata, condition, RequestBody.fromFile(file.get()), false);
      }
      return put(key, hash, length, userMetadata, condition, oneShotBody(stream, length), true);
    }
    return multipart(key, hash, length, userMetadata, condition, stream);
  }

  /**
   * The body of a single PUT from a stream that can be read only once. Such a request cannot be
   * repeated, so the SDK's retries are switched off for it; the caller retries with a fresh stream.
   */
  private static RequestBody oneShotBody(ExactLengthStream stream, long length) {
    AtomicInteger opened = new AtomicInteger();
    return RequestBody.fromContentProvider(
        () -> {
          if (opened.getAndIncrement() > 0) {
            throw new IllegalStateException("the content of this write can be read only once");
          }
          return stream;
        },
        length,
        "application/octet-stream");
  }

  private RemoteFile put(
      ObjectKey key,
      ContentHash hash,
      long length,
      Map<String, String> userMetadata,
      WriteCondition condition,
      RequestBody body,
      boolean oneShot) {
    Map<String, String> stored = withHash(userMetadata, hash);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(config.bucket())
            .key(s3Key(key))
            .contentLength(length)
            .contentType("application/octet-stream")
            .metadata(stored);
    config.storageClass().ifPresent(request::storageClass);
    switch (condition) {
      case WriteCondition.Unconditional u -> {}
      case WriteCondition.IfAbsent a -> request.ifNoneMatch("*");
      case WriteCondition.IfMatch m -> request.ifMatch(VersionTokens.ifMatch(m.version()));
    }
    PutObjectResponse response =
        (oneShot ? oneShotClient() : client()).putObject(request.build(), body);
    return new RemoteFile(
        key,
        length,
        serverTime(response),
        Optional.of(hash),
        VersionTokens.of(response.eTag(), response.versionId()),
        stored);
  }

  private RemoteFile multipart(
      ObjectKey key,
      ContentHash hash,
      long length,
      Map<String, String> userMetadata,
      WriteCondition condition,
      ExactLengthStream stream)
      throws IOException {
    // Fail before moving gigabytes when the condition already does not hold; the completion
    // request carries the condition too, so a writer that slips in meanwhile still loses.
    checkCondition(key, condition);
    Map<String, String> stored = withHash(userMetadata, hash);
    CreateMultipartUploadRequest create =
        CreateMultipartUploadRequest.builder()
            .bucket(config.bucket())
            .key(s3Key(key))
            .contentType("application/octet-stream")
            .metadata(stored)
            .applyMutation(b -> config.storageClass().ifPresent(b::storageClass))
            .build();
    MultipartUpload upload =
        new MultipartUpload(
            client(),
            partThreads(),
            buffers,
            transferBudget.forUpload(),
            config.bucket(),
            s3Key(key));
    CompleteMultipartUploadResponse response =
        upload.upload(
            create,
            stream,
            length,
            config.partSize(),
            request -> completionCondition(request, condition));
    return new RemoteFile(
        key,
        length,
        serverTime(response),
        Optional.of(hash),
        VersionTokens.of(response.eTag(), response.versionId()),
        stored);
  }

  private static CompleteMultipartUploadRequest.Builder completionCondition(
      CompleteMultipartUploadRequest.Builder request, WriteCondition condition) {
    return switch (condition) {
      case WriteCondition.Unconditional u -> request;
      case WriteCondition.IfAbsent a -> request.ifNoneMatch("*");
      case WriteCondition.IfMatch m -> request.ifMatch(VersionTokens.ifMatch(m.version()));
    };
  }

  private static Map<String, String> withHash(Map<String, String> userMetadata, ContentHash hash) {
    Map<String, String> stored = new LinkedHashMap<>(userMetadata);
    stored.put(ContentHash.METADATA_KEY, hash.hex());
    return Map.copyOf(stored);
  }

  /** The server's clock at the response, which S3 records as the object's modification time. */
  private static Instant serverTime(SdkResponse response) {
    Optional<String> date = response.sdkHttpResponse().firstMatchingHeader("Date");
    if (date.isPresent()) {
      try {
        return ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        // fall back to this machine's clock
      }
    }
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * Checks {@code condition} against what is stored now. S3 evaluates the condition again on the
   * request itself where it can; this early check gives the port's answer where S3's differs (a
   * missing key under {@code If-Match} is a failed precondition, not "not found").
   */
  private void checkCondition(ObjectKey key, WriteCondition condition) {
    switch (condition) {
      case WriteCondition.Unconditional u -> {}
      case WriteCondition.IfAbsent a -> {
        if (stat(key).isPresent()) {
          throw new PreconditionFailedException(location(key), "precondition failed: it exists");
        }
      }
      case WriteCondition.IfMatch m -> {
        Optional<RemoteFile> current = stat(key);
        if (current.isEmpty()) {
          throw new PreconditionFailedException(
              location(key), "precondition failed: it no longer exists");
        }
        if (!current.get().version().equals(m.version())) {
          throw new PreconditionFailedException(
              location(key), "precondition failed: the object changed since it was last seen");
        }
      }
    }
  }

  /**
   * Under {@code If-Match}, S3 reports a missing key as not found; the port calls that a failed
   * precondition.
   */
  private static StorageException conditional(
      StorageException mapped, WriteCondition condition, String location) {
    if (mapped instanceof NotFoundException
        && condition instanceof WriteCondition.IfMatch
        && mapped.location().equals(location)) {
      return new PreconditionFailedException(
          location, "precondition failed: it no longer exists", mapped);
    }
    return mapped;
  }

  // ---- deleting and copying

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    requireNonNull(key, "key is null");
    requireNonNull(condition, "condition is null");
    String location = location(key);
    checkCondition(key, condition);
    if (condition instanceof WriteCondition.IfAbsent) {
      return; // nothing is there, so there is nothing to delete
    }
    try {
      client()
          .deleteObject(
              r -> {
                r.bucket(config.bucket()).key(s3Key(key));
                if (condition instanceof WriteCondition.IfMatch m && config.conditionalDelete()) {
                  r.ifMatch(VersionTokens.ifMatch(m.version()));
                }
              });
    } catch (RuntimeException e) {
      throw conditional(errors.map(location, e), condition, location);
    }
  }

  @Override
  public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(condition, "condition is null");
    RemoteFile from =
        stat(source).orElseThrow(() -> new NotFoundException(location(source), "not found"));
    checkCondition(target, condition);
    String location = location(target);
    try {
      CopyObjectResponse response =
          client()
              .copyObject(
                  r -> {
                    r.sourceBucket(config.bucket())
                        .sourceKey(s3Key(source))
                        .copySourceIfMatch(VersionTokens.ifMatch(from.version()))
                        .destinationBucket(config.bucket())
                        .destinationKey(s3Key(target))
                        .metadataDirective(MetadataDirective.COPY);
                    VersionTokens.versionId(from.version()).ifPresent(r::sourceVersionId);
                    conditionOnCopy(r, condition);
                  });
      return new RemoteFile(
          target,
          from.size(),
          response.copyObjectResult().lastModified() == null
              ? serverTime(response)
              : response.copyObjectResult().lastModified(),
          from.hash(),
          VersionTokens.of(response.copyObjectResult().eTag(), response.versionId()),
          from.metadata());
    } catch (RuntimeException e) {
      throw conditional(errors.map(location, e), condition, location);
    }
  }

  private static void conditionOnCopy(
      software.amazon.awssdk.services.s3.model.CopyObjectRequest.Builder request,
      WriteCondition condition) {
    switch (condition) {
      case WriteCondition.Unconditional u -> {}
      case WriteCondition.IfAbsent a -> request.ifNoneMatch("*");
      case WriteCondition.IfMatch m -> request.ifMatch(VersionTokens.ifMatch(m.version()));
    }
  }

  // ---- the bucket

  @Override
  public boolean createBucket() {
    String location = "s3://" + config.bucket();
    try {
      client()
          .createBucket(
              r -> {
                r.bucket(config.bucket());
                config
                    .region()
                    .filter(region -> !region.equals("us-east-1"))
                    .ifPresent(
                        region -> r.createBucketConfiguration(c -> c.locationConstraint(region)));
              });
      return true;
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("BucketAlreadyOwnedByYou".equals(code)) {
        return false;
      }
      if ("BucketAlreadyExists".equals(code)) {
        throw new AccessDeniedException(
            location, "the bucket name is taken by another account; choose another name", e);
      }
      throw errors.map(location, e);
    } catch (RuntimeException e) {
      throw errors.map(location, e);
    }
  }

  @Override
  public BackendDescription describe() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("bucket", config.bucket());
    details.put("prefix", config.prefix());
    config.endpoint().ifPresent(endpoint -> details.put("endpoint", endpoint.toString()));
    details.put("path-style", Boolean.toString(config.pathStyle()));
    details.put("region", config.region().orElse(S3ClientFactory.DEFAULT_REGION));
    try {
      HeadBucketResponse head = client().headBucket(r -> r.bucket(config.bucket()));
      Optional.ofNullable(head.bucketRegion())
          .or(() -> head.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
          .ifPresent(region -> details.put("region", region));
      return describe(Health.CONNECTED, Optional.empty(), details);
    } catch (RuntimeException e) {
      StorageException mapped = errors.map("s3://" + config.bucket(), e);
      Health health =
          switch (mapped) {
            case NotFoundException n -> Health.MISSING;
            case AccessDeniedException a -> Health.UNAUTHORIZED;
            case BackendUnreachableException u -> Health.UNREACHABLE;
            default -> Health.UNREACHABLE;
          };
      String detail =
          mapped instanceof NotFoundException ? "bucket does not exist" : mapped.detail();
      return describe(health, Optional.of(detail), details);
    }
  }

  private BackendDescription describe(
      Health health, Optional<String> detail, Map<String, String> details) {
    return new BackendDescription(
        "s3", config.location(), health, detail, Optional.empty(), details);
  }

  @Override
  public void close() {
    synchronized (lock) {
      clients.close();
      if (partThreads != null) {
        partThreads.shutdown();
        partThreads = null;
      }
    }
  }

  @Override
  public String toString() {
    return "S3StorageBackend[" + config.location() + "]";
  }
}

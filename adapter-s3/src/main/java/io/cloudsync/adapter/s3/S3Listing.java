package io.cloudsync.adapter.s3;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A lazy listing: one page of at most 1,000 keys is held at a time and the next is fetched when the
 * consumer reaches the end of the current one. Keys lose the root prefix; names that are not valid
 * keys become {@link RejectedKey}s; folder markers (names ending in {@code /}) are skipped. In a
 * versioned bucket the latest versions are listed, so that the tokens carry their version id, as
 * those of {@code stat} and {@code write} do.
 */
final class S3Listing implements Iterator<ListEntry> {
  private final Supplier<S3Client> client;
  private final String bucket;
  private final String rootPrefix;
  private final String listPrefix;
  private final BooleanSupplier versionedBucket;
  private final int pageSize;
  private Boolean versioned;
  private final Function<RuntimeException, RuntimeException> errors;
  private final ArrayDeque<ListEntry> page = new ArrayDeque<>();
  private String continuation;
  private String keyMarker;
  private String versionMarker;
  private boolean exhausted;

  /**
   * @param rootPrefix the root's prefix with its trailing {@code /}, or {@code ""}
   * @param prefix the caller's key prefix, relative to the root
   */
  S3Listing(
      Supplier<S3Client> client,
      String bucket,
      String rootPrefix,
      String prefix,
      BooleanSupplier versionedBucket,
      int pageSize,
      Function<RuntimeException, RuntimeException> errors) {
    this.client = client;
    this.bucket = bucket;
    this.rootPrefix = rootPrefix;
    this.listPrefix = rootPrefix + prefix;
    this.versionedBucket = versionedBucket;
    this.pageSize = pageSize;
    this.errors = errors;
  }

  @Override
  public boolean hasNext() {
    while (page.isEmpty() && !exhausted) {
      try {
        if (versioned == null) {
          versioned = versionedBucket.getAsBoolean();
        }
        if (versioned) {
          fetchVersions();
        } else {
          fetchObjects();
        }
      } catch (RuntimeException e) {
        exhausted = true;
        throw errors.apply(e);
      }
    }
    return !page.isEmpty();
  }

  @Override
  public ListEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.poll();
  }

  private void fetchObjects() {
    ListObjectsV2Response response =
        client
            .get()
            .listObjectsV2(
                r ->
                    r.bucket(bucket)
                        .prefix(emptyToNull(listPrefix))
                        .continuationToken(continuation)
                        .maxKeys(pageSize));
    for (S3Object object : response.contents()) {
      add(object.key(), object.size(), object.lastModified(), object.eTag(), null);
    }
    continuation = response.nextContinuationToken();
    exhausted = !Boolean.TRUE.equals(response.isTruncated()) || continuation == null;
  }

  private void fetchVersions() {
    ListObjectVersionsResponse response =
        client
            .get()
            .listObjectVersions(
                r ->
                    r.bucket(bucket)
                        .prefix(emptyToNull(listPrefix))
                        .keyMarker(keyMarker)
                        .versionIdMarker(versionMarker)
                        .maxKeys(pageSize));
    for (ObjectVersion version : response.versions()) {
      if (Boolean.TRUE.equals(version.isLatest())) {
        add(
            version.key(),
            version.size(),
            version.lastModified(),
            version.eTag(),
            version.versionId());
      }
    }
    keyMarker = response.nextKeyMarker();
    versionMarker = response.nextVersionIdMarker();
    exhausted = !Boolean.TRUE.equals(response.isTruncated()) || keyMarker == null;
  }

  private void add(String name, Long size, Instant modified, String eTag, String versionId) {
    if (!name.startsWith(rootPrefix) || name.endsWith("/")) {
      return;
    }
    String relative = name.substring(rootPrefix.length());
    Optional<ObjectKey> key = ObjectKey.tryParse(relative);
    if (key.isEmpty()) {
      page.add(RejectedKey.of(relative));
      return;
    }
    page.add(
        new RemoteFile(
            key.get(),
            size == null ? 0 : size,
            modified == null ? Instant.EPOCH : modified,
            Optional.empty(),
            VersionTokens.of(eTag, versionId),
            Map.of()));
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}

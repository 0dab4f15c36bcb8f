package io.cloudsync.adapter.s3;

import io.cloudsync.core.concurrent.Futures;
import io.cloudsync.storage.PartPermits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * One multipart upload: the content is cut into parts read one after the other into pooled buffers,
 * and the parts travel in parallel, as many as the {@link PartPermits} allow (the run's transfer
 * budget when one is attached: the first part in flight rides on the upload's own transfer, each
 * further one on a spare permit) and the buffers hold. Any failure (a part, the content, the
 * completion, an interrupt) aborts the upload so that the store keeps no orphan parts.
 */
final class MultipartUpload {
  /** S3's most parts per upload. */
  static final int MAX_PARTS = 10_000;

  private final S3Client client;
  private final ExecutorService executor;
  private final PartBuffers buffers;
  private final PartPermits permits;
  private final String bucket;
  private final String key;

  MultipartUpload(
      S3Client client,
      ExecutorService executor,
      PartBuffers buffers,
      PartPermits permits,
      String bucket,
      String key) {
    this.client = client;
    this.executor = executor;
    this.buffers = buffers;
    this.permits = permits;
    this.bucket = bucket;
    this.key = key;
  }

  /** The part size for {@code length} bytes: the configured one, raised to fit in 10,000 parts. */
  static long partSizeFor(long length, long configured) {
    long needed = (length + MAX_PARTS - 1) / MAX_PARTS;
    long mib = 1L << 20;
    return Math.max(configured, (needed + mib - 1) / mib * mib);
  }

  /**
   * Uploads {@code length} bytes of {@code content}, then completes the upload.
   *
   * @param create the creation request, with the object's metadata
   * @param complete adds conditions to the completion request
   */
  CompleteMultipartUploadResponse upload(
      CreateMultipartUploadRequest create,
      InputStream content,
      long length,
      long configuredPartSize,
      UnaryOperator<CompleteMultipartUploadRequest.Builder> complete)
      throws IOException {
    String uploadId = client.createMultipartUpload(create).uploadId();
    try {
      List<CompletedPart> parts = uploadParts(uploadId, content, length, configuredPartSize);
      CompleteMultipartUploadRequest.Builder request =
          CompleteMultipartUploadRequest.builder()
              .bucket(bucket)
              .key(key)
              .uploadId(uploadId)
              .multipartUpload(m -> m.parts(parts));
      return client.completeMultipartUpload(complete.apply(request).build());
    } catch (IOException | RuntimeException | Error e) {
      abort(uploadId, e);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(uploadId, e);
      throw new IOException("the upload was interrupted", e);
    }
  }

  private List<CompletedPart> uploadParts(
      String uploadId, InputStream content, long length, long configuredPartSize)
      throws IOException, InterruptedException {
    long partSize = partSizeFor(length, configuredPartSize);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Future<CompletedPart>> futures = new ArrayList<>();
    try {
      long offset = 0;
      int number = 1;
      while (offset < length && failure.get() == null) {
        int size = (int) Math.min(partSize, length - offset);
        byte[] buffer = buffers.take(size);
        PartPermits.Permit permit;
        try {
          readFully(content, buffer, size);
          // Taken once the part is read, so reading the next part overlaps sending this one.
          permit = permits.acquire();
        } catch (IOException | RuntimeException | InterruptedException e) {
          buffers.give(buffer);
          throw e;
        }
        int partNumber = number;
        try {
          futures.add(
              executor.submit(
                  () -> {
                    try {
                      return uploadPart(uploadId, partNumber, buffer, size);
                    } catch (RuntimeException | Error e) {
                      failure.compareAndSet(null, e);
                      throw e;
                    } finally {
                      permit.release();
                      buffers.give(buffer);
                    }
                  }));
        } catch (RuntimeException e) {
          permit.release();
          buffers.give(buffer);
          throw e;
        }
        offset += size;
        number++;
      }
      List<CompletedPart> parts = new ArrayList<>(futures.size());
      for (Future<CompletedPart> future : futures) {
        parts.add(Futures.join(future));
      }
      parts.sort(Comparator.comparing(CompletedPart::partNumber));
      return parts;
    } finally {
      // On failure, let parts in flight finish before aborting, so none lands after the abort.
      for (Future<CompletedPart> future : futures) {
        Futures.await(future);
      }
    }
  }

  private CompletedPart uploadPart(String uploadId, int partNumber, byte[] buffer, int size) {
    UploadPartRequest request =
        UploadPartRequest.builder()
            .bucket(bucket)
            .key(key)
            .uploadId(uploadId)
            .partNumber(partNumber)
            .contentLength((long) size)
            .build();
    String eTag =
        client
            .uploadPart(
                request,
                RequestBody.fromContentProvider(
                    () -> new ByteArrayInputStream(buffer, 0, size),
                    size,
                    "application/octet-stream"))
            .eTag();
    return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
  }

  private static void readFully(InputStream in, byte[] buffer, int size) throws IOException {
    int done = 0;
    while (done < size) {
      int n = in.read(buffer, done, size - done);
      if (n < 0) {
        throw new SourceStreamException("the content ended early");
      }
      done += n;
    }
  }

  private void abort(String uploadId, Throwable cause) {
    try {
      client.abortMultipartUpload(
          AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId).build());
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}

package io.cloudsync.adapter.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.cloudsync.adapter.azure.AzureErrors.ContentReadException;
import io.cloudsync.adapter.azure.AzureErrors.ContentShortException;
import io.cloudsync.storage.PartPermits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stages the content of one large upload as blocks, several at once, and returns their ids for a
 * single commit. At most {@code concurrency} blocks are buffered at any time (the one being read
 * included), so memory is bounded by {@code concurrency × blockSize} whatever the content size, and
 * all uploads of a backend together stay within its {@link UploadBudget}. The blocks in flight are
 * also bounded by the {@link PartPermits} of the upload: within a run's transfer budget, the first
 * block in flight rides on the upload's own transfer and each further one on a spare permit, taken
 * without waiting; with none spare, blocks go one at a time.
 *
 * <p>Staged blocks are invisible until committed: when reading the content or staging a block
 * fails, nothing is committed, the blob keeps its old content, and Azure discards the orphaned
 * blocks by itself (after a week, or at the next commit of that blob).
 */
final class BlockUpload {

  /** Azure's limit on blocks per blob. */
  static final int MAX_BLOCKS = 50_000;

  private final BlockBlobClient blob;
  private final ExecutorService executor;
  private final long blockSize;
  private final int concurrency;
  private final UploadBudget budget;
  private final PartPermits permits;

  BlockUpload(
      BlockBlobClient blob,
      ExecutorService executor,
      long blockSize,
      int concurrency,
      UploadBudget budget,
      PartPermits permits) {
    this.blob = blob;
    this.permits = permits;
    this.budget = budget;
    this.executor = executor;
    this.blockSize = blockSize;
    this.concurrency = concurrency;
  }

  /** The block size for {@code length} bytes: the configured one, grown to stay under the limit. */
  static long blockSizeFor(long length, long configured) {
    long needed = (length + MAX_BLOCKS - 1) / MAX_BLOCKS;
    return Math.max(configured, needed);
  }

  /**
   * Reads exactly {@code length} bytes from {@code content} and stages them.
   *
   * @return the block ids, in order, for the commit
   * @throws IOException when the content fails or ends early ({@link ContentReadException}, {@link
   *     ContentShortException})
   * @throws RuntimeException the SDK's error for a block that could not be staged
   */
  List<String> stage(InputStream content, long length) throws IOException, InterruptedException {
    long size = blockSizeFor(length, blockSize);
    String uploadId = UUID.randomUUID().toString();
    List<String> ids = new ArrayList<>();
    List<Staged> staged = new ArrayList<>();
    Semaphore buffers = new Semaphore(concurrency);
    boolean done = false;
    try {
      long read = 0;
      while (read < length) {
        int chunk = (int) Math.min(size, length - read);
        buffers.acquire();
        try {
          budget.acquire(chunk);
        } catch (InterruptedException e) {
          buffers.release();
          throw e;
        }
        byte[] bytes;
        PartPermits.Permit permit;
        try {
          bytes = readFully(content, chunk, read, length);
          // Taken once the block is read, so reading the next block overlaps staging this one.
          permit = permits.acquire();
        } catch (IOException | RuntimeException | InterruptedException e) {
          budget.release(chunk);
          buffers.release();
          throw e;
        }
        read += bytes.length;
        String id = blockId(uploadId, ids.size());
        ids.add(id);
        Runnable release =
            () -> {
              permit.release();
              budget.release(chunk);
              buffers.release();
            };
        AtomicBoolean claimed = new AtomicBoolean();
        try {
          staged.add(
              new Staged(
                  executor.submit(
                      () -> {
                        if (!claimed.compareAndSet(false, true)) {
                          return; // abandoned before it started; released by the abandoner
                        }
                        try {
                          blob.stageBlock(id, BinaryData.fromBytes(bytes));
                        } finally {
                          release.run();
                        }
                      }),
                  claimed,
                  release));
        } catch (RuntimeException e) {
          release.run();
          throw e;
        }
        failFast(staged);
      }
      for (Staged block : staged) {
        await(block.future());
      }
      done = true;
      return ids;
    } finally {
      if (!done) {
        for (Staged block : staged) {
          block.future().cancel(true);
          // A block that had not started never will: give back what it holds. One under way
          // gives it back itself when its request ends.
          if (block.claimed().compareAndSet(false, true)) {
            block.release().run();
          }
        }
      }
    }
  }

  /**
   * A block being staged: its task, the flag claimed by whichever of the task and an abandoning
   * upload comes first, and what the claimant gives back (permit, bytes, buffer) exactly once.
   */
  private record Staged(Future<?> future, AtomicBoolean claimed, Runnable release) {}

  private static byte[] readFully(InputStream content, int chunk, long readSoFar, long length)
      throws IOException {
    byte[] bytes;
    try {
      bytes = content.readNBytes(chunk);
    } catch (IOException e) {
      throw new ContentReadException(e);
    } catch (java.io.UncheckedIOException e) {
      throw new ContentReadException(e.getCause());
    }
    if (bytes.length < chunk) {
      throw new ContentShortException(readSoFar + bytes.length, length);
    }
    return bytes;
  }

  /** Raises the error of a block that has failed already, so a doomed upload stops reading. */
  private static void failFast(List<Staged> staged) throws InterruptedException {
    for (Iterator<Staged> it = staged.iterator(); it.hasNext(); ) {
      Future<?> future = it.next().future();
      if (future.isDone()) {
        await(future);
        it.remove();
      }
    }
  }

  private static void await(Future<?> future) throws InterruptedException {
    try {
      future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Ids of one upload share its UUID and have one length, as Azure requires. */
  static String blockId(String uploadId, int index) {
    String raw = uploadId + "-" + String.format("%06d", index);
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }
}

package io.cloudsync.adapter.s3;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The memory of multipart uploads: at most {@code count} buffers of one part each are in use at
 * once across every upload of a backend, so a backend's upload memory is bounded by {@code count ×
 * partSize} however many files travel in parallel. Buffers are reused to spare the collector.
 * Holders never need a second buffer to release the first, so waiting cannot deadlock.
 */
final class PartBuffers {
  private final Semaphore permits;
  private final int partSize;
  private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

  PartBuffers(int count, long partSize) {
    this.permits = new Semaphore(count, true);
    this.partSize = (int) Math.min(partSize, Integer.MAX_VALUE - 16);
  }

  /** A buffer of at least {@code size} bytes; waits while every buffer is in use. */
  byte[] take(long size) throws InterruptedException {
    permits.acquire();
    if (size <= partSize) {
      byte[] buffer = free.poll();
      return buffer != null ? buffer : new byte[partSize];
    }
    // A part larger than configured (objects beyond 10,000 default parts): not pooled.
    return new byte[(int) size];
  }

  /** Gives a buffer back. */
  void give(byte[] buffer) {
    if (buffer.length == partSize) {
      free.offer(buffer);
    }
    permits.release();
  }
}

package io.cloudsync.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.GeneratedContent;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A 1 GiB object up and down through multipart upload and a streamed read, with the heap bounded by
 * the JVM's {@code -Xmx}. Not part of the default build: {@code bench/s3/roundtrip-1g.sh} starts
 * S3Proxy in its own JVM (so its memory is not counted here) and runs this with the {@code
 * bench-1g} profile.
 */
@EnabledIfSystemProperty(named = "cloudsync.bench.endpoint", matches = "http.*")
class LargeRoundTripBenchmark {

  @Test
  void roundTripsOneGibibyteWithABoundedHeap() throws Exception {
    long size = Long.getLong("cloudsync.bench.bytes", 1L << 30);
    String endpoint = System.getProperty("cloudsync.bench.endpoint");
    String bucket = "bench-" + System.currentTimeMillis();
    BackendConfig config =
        new BackendConfig(
            BackendUri.parse("s3://" + bucket + "/large"),
            Map.of("endpoint", endpoint, "region", "us-east-1"),
            S3ProxyServer.credentials());
    try (S3StorageBackend backend = (S3StorageBackend) StorageProviders.load().open(config)) {
      backend.createBucket();
      ObjectKey key = ObjectKey.of("one-gib.bin");
      ContentHash expected = GeneratedContent.hashOf(size, 11);
      resetPeaks();

      long start = System.nanoTime();
      RemoteFile written =
          backend.write(
              key,
              new GeneratedContent(size, 11),
              size,
              Map.of(ContentHash.METADATA_KEY, expected.hex()),
              WriteCondition.UNCONDITIONAL);
      long uploaded = System.nanoTime();
      long uploadPeak = peakHeap();

      ContentHash read;
      long count = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = backend.read(key);
          HashingInputStream hashing = ContentHasher.sha256().hashing(in)) {
        for (int n; (n = hashing.read(buffer)) >= 0; ) {
          count += n;
        }
        read = hashing.hash();
      }
      long downloaded = System.nanoTime();

      assertThat(written.hash()).contains(expected);
      assertThat(backend.stat(key).orElseThrow().hash()).contains(expected);
      assertThat(count).isEqualTo(size);
      assertThat(read).isEqualTo(expected);
      long maxHeap = Runtime.getRuntime().maxMemory();
      System.out.printf(
          "ROUNDTRIP bytes=%d upload=%.1fs (%.0f MB/s) download=%.1fs (%.0f MB/s)"
              + " max-heap=%d MiB peak-heap-upload=%d MiB peak-heap-total=%d MiB part-size=%d MiB"
              + " part-concurrency=%d%n",
          size,
          (uploaded - start) / 1e9,
          size / 1e6 / ((uploaded - start) / 1e9),
          (downloaded - uploaded) / 1e9,
          size / 1e6 / ((downloaded - uploaded) / 1e9),
          maxHeap >> 20,
          uploadPeak >> 20,
          peakHeap() >> 20,
          backend.config().partSize() >> 20,
          backend.config().partConcurrency());
      assertThat(peakHeap()).isLessThan(size / 4);
      backend.delete(key, WriteCondition.UNCONDITIONAL);
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the reset: an upper bound of what was ever in use. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}

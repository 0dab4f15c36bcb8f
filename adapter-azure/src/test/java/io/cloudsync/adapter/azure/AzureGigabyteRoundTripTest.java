package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.GeneratedContent;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One gigabyte up as staged blocks and back as a stream, with a small heap: run by {@code
 * bench/azure/roundtrip-1g.sh} (the Maven profile {@code roundtrip-1g}), not by default.
 */
@EnabledIfSystemProperty(named = "cloudsync.azure.roundtrip.bytes", matches = "\\d+")
class AzureGigabyteRoundTripTest {

  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  @Test
  void aGigabyteRoundTripsThroughBlocksWithABoundedHeap() throws IOException, InterruptedException {
    long size = Long.parseLong(System.getProperty("cloudsync.azure.roundtrip.bytes"));
    long maxHeap = Runtime.getRuntime().maxMemory();
    ObjectKey key = ObjectKey.of("large/gigabyte.bin");
    try (AzureStorageBackend backend =
        AzuriteBackends.open(AZURITE, AzuriteBackends.freshContainer(), "bench", Map.of())) {
      long baseline = liveHeap();
      GeneratedContent source = new GeneratedContent(size, 1_000_000_007L);
      HeapSampler sampler = HeapSampler.start(source::served, size / 2);
      long start = System.nanoTime();
      RemoteFile written = backend.write(key, source, size, Map.of(), WriteCondition.IF_ABSENT);
      double upSeconds = (System.nanoTime() - start) / 1e9;
      long upPeak = sampler.stop();
      long upLive = sampler.liveAtHalf() - baseline;
      ContentHash expected = source.hash();

      start = System.nanoTime();
      long read = 0;
      ContentHash actual;
      long downPeak;
      long downLive;
      byte[] buffer = new byte[1 << 16];
      try (InputStream raw = backend.read(key);
          HashingInputStream in = ContentHasher.sha256().hashing(raw)) {
        HeapSampler down = HeapSampler.start(() -> 0, Long.MAX_VALUE);
        long downLiveAtHalf = -1;
        for (int n; (n = in.read(buffer)) >= 0; ) {
          read += n;
          if (downLiveAtHalf < 0 && read >= size / 2) {
            downLiveAtHalf = liveHeap() - baseline;
          }
        }
        downPeak = down.stop();
        downLive = downLiveAtHalf;
        actual = in.hash();
      }
      double downSeconds = (System.nanoTime() - start) / 1e9;

      String report =
          String.format(
              Locale.ROOT,
              "size=%d MiB max-heap=%d MiB upload=%.1f s (%.0f MiB/s) live-heap-growth-mid-upload=%d MiB"
                  + " max-used-heap-up=%d MiB download=%.1f s (%.0f MiB/s)"
                  + " live-heap-growth-mid-download=%d MiB max-used-heap-down=%d MiB"
                  + " blocks=%d MiB x %d%n",
              size >> 20,
              maxHeap >> 20,
              upSeconds,
              (size >> 20) / upSeconds,
              upLive >> 20,
              upPeak >> 20,
              downSeconds,
              (size >> 20) / downSeconds,
              downLive >> 20,
              downPeak >> 20,
              AzureConfig.DEFAULT_BLOCK_SIZE >> 20,
              AzureConfig.DEFAULT_CONCURRENCY);
      System.out.print(report);
      Files.writeString(Path.of("target", "roundtrip-1g.txt"), report);

      assertThat(written.size()).isEqualTo(size);
      assertThat(written.hash()).contains(expected);
      assertThat(read).isEqualTo(size);
      assertThat(actual).isEqualTo(expected);
      assertThat(upLive).as("live heap growth half-way through the upload").isLessThan(64L << 20);
      assertThat(downLive)
          .as("live heap growth half-way through the download")
          .isLessThan(64L << 20);
      backend.delete(key, WriteCondition.UNCONDITIONAL);
    }
  }

  /** The heap still in use after asking for full collections. */
  private static long liveHeap() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  /**
   * Samples the used heap every few milliseconds on a daemon thread and keeps the maximum; once
   * {@code progress} reaches {@code half}, measures the live heap once.
   */
  private static final class HeapSampler implements Runnable {
    private final java.util.function.LongSupplier progress;
    private final long half;
    private final Thread thread = new Thread(this, "heap-sampler");
    private volatile boolean running = true;
    private volatile long max;
    private volatile long liveAtHalf = -1;

    private HeapSampler(java.util.function.LongSupplier progress, long half) {
      this.progress = progress;
      this.half = half;
    }

    static HeapSampler start(java.util.function.LongSupplier progress, long half) {
      HeapSampler sampler = new HeapSampler(progress, half);
      sampler.thread.setDaemon(true);
      sampler.thread.start();
      return sampler;
    }

    @Override
    public void run() {
      Runtime runtime = Runtime.getRuntime();
      while (running) {
        max = Math.max(max, runtime.totalMemory() - runtime.freeMemory());
        if (liveAtHalf < 0 && progress.getAsLong() >= half) {
          liveAtHalf = liveHeap();
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long liveAtHalf() {
      return liveAtHalf;
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return max;
    }
  }
}

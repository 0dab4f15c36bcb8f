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
  void aGigabyteRoundTripsThroughBlocksWithABoundedHeap() throws IOException {
    long size = Long.parseLong(System.getProperty("cloudsync.azure.roundtrip.bytes"));
    long maxHeap = Runtime.getRuntime().maxMemory();
    ObjectKey key = ObjectKey.of("large/gigabyte.bin");
    try (AzureStorageBackend backend =
        AzuriteBackends.open(AZURITE, AzuriteBackends.freshContainer(), "bench", Map.of())) {
      HeapSampler sampler = HeapSampler.start();
      GeneratedContent source = new GeneratedContent(size, 1_000_000_007L);
      long start = System.nanoTime();
      RemoteFile written = backend.write(key, source, size, Map.of(), WriteCondition.IF_ABSENT);
      double upSeconds = (System.nanoTime() - start) / 1e9;
      long upPeak = sampler.restart();
      ContentHash expected = source.hash();

      start = System.nanoTime();
      long read = 0;
      ContentHash actual;
      byte[] buffer = new byte[1 << 16];
      try (InputStream raw = backend.read(key);
          HashingInputStream in = ContentHasher.sha256().hashing(raw)) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          read += n;
        }
        actual = in.hash();
      }
      double downSeconds = (System.nanoTime() - start) / 1e9;
      long downPeak = sampler.stop();

      String report =
          String.format(
              Locale.ROOT,
              "size=%d MiB max-heap=%d MiB upload=%.1f s (%.0f MiB/s) max-used-heap-up=%d MiB"
                  + " download=%.1f s (%.0f MiB/s) max-used-heap-down=%d MiB blocks=%d MiB x %d%n",
              size >> 20,
              maxHeap >> 20,
              upSeconds,
              (size >> 20) / upSeconds,
              upPeak >> 20,
              downSeconds,
              (size >> 20) / downSeconds,
              downPeak >> 20,
              AzureConfig.DEFAULT_BLOCK_SIZE >> 20,
              AzureConfig.DEFAULT_CONCURRENCY);
      System.out.print(report);
      Files.writeString(Path.of("target", "roundtrip-1g.txt"), report);

      assertThat(written.size()).isEqualTo(size);
      assertThat(written.hash()).contains(expected);
      assertThat(read).isEqualTo(size);
      assertThat(actual).isEqualTo(expected);
      assertThat(Math.max(upPeak, downPeak)).isLessThan(maxHeap);
      backend.delete(key, WriteCondition.UNCONDITIONAL);
    }
  }

  /** Samples the used heap every few milliseconds on a daemon thread and keeps the maximum. */
  private static final class HeapSampler implements Runnable {
    private volatile boolean running = true;
    private volatile long max;
    private final Thread thread = new Thread(this, "heap-sampler");

    static HeapSampler start() {
      System.gc();
      HeapSampler sampler = new HeapSampler();
      sampler.thread.setDaemon(true);
      sampler.thread.start();
      return sampler;
    }

    @Override
    public void run() {
      Runtime runtime = Runtime.getRuntime();
      while (running) {
        max = Math.max(max, runtime.totalMemory() - runtime.freeMemory());
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** The maximum so far, then starts over. */
    long restart() {
      long seen = max;
      System.gc();
      max = 0;
      return seen;
    }

    long stop() {
      running = false;
      return max;
    }
  }
}

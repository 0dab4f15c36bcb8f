import io.cloudsync.core.ContentHasher;
import java.security.MessageDigest;
import java.util.Random;

/**
 * SHA-256 throughput of {@code ContentHasher.sha256Digest()} alone (no I/O): 256 MiB fed in 256 KiB
 * updates from one heap array, {@code passes} times in a row (default 5). Prints the
 * implementation, the time its selection took (the first digest: loading and self-testing
 * libcrypto, when native), the first pass (what a short run sees, JIT warm-up included) and the
 * best pass, in MB/s (10^6 bytes per second). {@code -Dcloudsync.sha256=jdk} measures the JDK's.
 */
public final class DigestThroughput {
  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long total = 256L << 20;
    byte[] buffer = new byte[256 << 10];
    new Random(1).nextBytes(buffer);
    long selecting = System.nanoTime();
    ContentHasher.sha256Digest();
    double selectionMs = (System.nanoTime() - selecting) / 1e6;
    double first = 0;
    double best = 0;
    byte[] sink = new byte[32];
    for (int pass = 0; pass < passes; pass++) {
      long start = System.nanoTime();
      MessageDigest digest = ContentHasher.sha256Digest();
      for (long done = 0; done < total; done += buffer.length) {
        digest.update(buffer, 0, buffer.length);
      }
      sink = digest.digest();
      double mbs = total / ((System.nanoTime() - start) / 1e9) / 1e6;
      first = pass == 0 ? mbs : first;
      best = Math.max(best, mbs);
    }
    System.out.printf(
        "%-40s selected in %5.1f ms, first %6.1f MB/s, best of %d %6.1f MB/s (%02x)%n",
        ContentHasher.sha256Implementation(), selectionMs, first, passes, best, sink[0]);
  }
}

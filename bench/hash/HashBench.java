import io.cloudsync.core.ContentHasher;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the streaming SHA-256 of {@code ContentHasher.sha256().hash(Path)} over one file:
 * warm-up runs first, then the best of the timed runs, printed as MB/s (10^6 bytes per second),
 * followed by the SHA-256 implementation in use.
 */
public final class HashBench {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long size = Files.size(file);
    ContentHasher hasher = ContentHasher.sha256();
    String hex = "";
    for (int i = 0; i < warmups; i++) {
      hex = hasher.hash(file).hex();
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      hex = hasher.hash(file).hex();
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf(
        "java %s %.1f %s%n", hex, size / (best / 1e9) / 1e6, ContentHasher.sha256Implementation());
  }
}

package io.cloudsync.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** How much of a file the kernel holds in its page cache, as util-linux's fincore(1) says. */
public final class CachedPages {
  private CachedPages() {}

  /**
   * Writes {@code content} to {@code file}, flushes it to disk and reads it back: every page of it
   * is then in the cache and clean (only clean pages can be dropped).
   */
  public static Path writeFlushedAndCached(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.readAllBytes(file);
    return file;
  }

  /** The bytes of {@code file} in the page cache; empty where fincore is not installed or fails. */
  public static OptionalLong bytesOf(Path file) {
    try {
      Process fincore =
          new ProcessBuilder(
                  "fincore", "--bytes", "--raw", "--noheadings", "--output", "RES", file.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(fincore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!fincore.waitFor(30, TimeUnit.SECONDS) || fincore.exitValue() != 0) {
        fincore.destroyForcibly();
        return OptionalLong.empty();
      }
      return OptionalLong.of(Long.parseLong(out.strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }
}

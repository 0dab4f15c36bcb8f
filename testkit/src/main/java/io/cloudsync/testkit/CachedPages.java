package io.cloudsync.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** How many pages of a file the kernel holds in its page cache, as util-linux's fincore(1) says. */
public final class CachedPages {
  private CachedPages() {}

  /** The resident pages of {@code file}; empty where fincore is not installed or fails. */
  public static OptionalLong of(Path file) {
    try {
      Process fincore =
          new ProcessBuilder(
                  "fincore", "--raw", "--noheadings", "--output", "PAGES", file.toString())
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

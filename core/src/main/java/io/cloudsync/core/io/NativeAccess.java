package io.cloudsync.core.io;

import java.util.Locale;

/**
 * Whether cloudsync's native calls (Linux's {@code syncfs}, libcrypto's SHA-256) can be made here:
 * on Linux, with Java 22 or newer (the foreign function API, compiled from {@code
 * src/main/java22}), and with native access enabled for this code ({@code
 * --enable-native-access=ALL-UNNAMED}, as the {@code cloudsync} launcher passes). Where not,
 * callers use their pure-Java way, without a warning.
 */
public final class NativeAccess {
  private static final boolean LINUX_WITH_FOREIGN_FUNCTIONS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
          && Runtime.version().feature() >= 22
          && nativeAccessEnabled();

  private NativeAccess() {}

  /** Linux, Java 22 or newer, native access enabled. */
  public static boolean linuxWithForeignFunctions() {
    return LINUX_WITH_FOREIGN_FUNCTIONS;
  }

  private static boolean nativeAccessEnabled() {
    try {
      // Module.isNativeAccessEnabled exists from Java 22; called reflectively from Java 21 code.
      Module module = NativeAccess.class.getModule();
      return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}

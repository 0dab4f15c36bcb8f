package io.cloudsync.core;

import io.cloudsync.core.io.NativeAccess;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses, once per JVM, where SHA-256 digests come from: OpenSSL's libcrypto through the foreign
 * function API ({@code NativeSha256}, compiled for Java 22 from {@code src/main/java22}) when it
 * can be used, else the JDK's own. The JDK's implementation is fast only once the C2 compiler has
 * compiled it (13–15× slower in C1-compiled code, measured); libcrypto runs at full speed from the
 * first call.
 *
 * <p>The native one is used on Linux with Java 22 or newer, when native access is enabled for this
 * code ({@code --enable-native-access=ALL-UNNAMED}, as the {@code cloudsync} launcher passes),
 * libcrypto is found ({@code libcrypto.so.3}, else {@code libcrypto.so}) and it passes a self-test
 * of known digests. Anything else silently selects the JDK's digest. The system property {@value
 * #PROPERTY}{@code =jdk} selects the JDK's digest regardless.
 *
 * <p>The native digest comes from a private {@link Provider} handed to {@link
 * MessageDigest#getInstance(String, Provider)}, never registered with {@code Security}, so an
 * application embedding cloudsync sees no change in its own providers.
 */
final class Sha256Digests {
  /** The system property that selects the implementation: {@code jdk} forces the JDK's. */
  static final String PROPERTY = "cloudsync.sha256";

  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String MILLION_A =
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

  private static final Sha256Digests SELECTED = select(System.getProperty(PROPERTY, ""));

  private final Optional<Provider> provider;
  private final Supplier<String> description;

  private Sha256Digests(Optional<Provider> provider, Supplier<String> description) {
    this.provider = provider;
    this.description = description;
  }

  /** The implementation this JVM uses, chosen on first use from {@value #PROPERTY}. */
  static Sha256Digests selected() {
    return SELECTED;
  }

  /**
   * Chooses an implementation for {@code setting} (a value of {@value #PROPERTY}): {@code jdk}
   * selects the JDK's; anything else the native one when it is available here, else the JDK's.
   */
  static Sha256Digests select(String setting) {
    if (setting.strip().equalsIgnoreCase("jdk")) {
      return jdk();
    }
    return loadNative().orElseGet(Sha256Digests::jdk);
  }

  /** A fresh SHA-256 digest. */
  MessageDigest newDigest() {
    try {
      return provider.isPresent()
          ? MessageDigest.getInstance("SHA-256", provider.get())
          : MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }

  /**
   * Where digests come from, e.g. {@code libcrypto.so.3 (OpenSSL 3.0.13, native)} or {@code JDK}.
   */
  String description() {
    return description.get();
  }

  /** Whether digests come from libcrypto. */
  boolean isNative() {
    return provider.isPresent();
  }

  private static Sha256Digests jdk() {
    return new Sha256Digests(Optional.empty(), () -> "JDK");
  }

  private static Optional<Sha256Digests> loadNative() {
    if (!NativeAccess.linuxWithForeignFunctions()) {
      return Optional.empty();
    }
    try {
      // Compiled for Java 22 (the foreign function API) and only loaded on 22 or newer.
      Class<?> implementation = Class.forName("io.cloudsync.core.NativeSha256");
      Provider provider = (Provider) implementation.getDeclaredMethod("provider").invoke(null);
      Method describe = implementation.getDeclaredMethod("description");
      Sha256Digests candidate = new Sha256Digests(Optional.of(provider), () -> describe(describe));
      return candidate.passesSelfTest() ? Optional.of(candidate) : Optional.empty();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String describe(Method describe) {
    try {
      return (String) describe.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "libcrypto (native)";
    }
  }

  /** The FIPS 180-2 examples: "abc", and a million 'a's fed in uneven pieces. */
  private boolean passesSelfTest() {
    MessageDigest digest = newDigest();
    HexFormat hex = HexFormat.of();
    if (!hex.formatHex(digest.digest("abc".getBytes(StandardCharsets.US_ASCII))).equals(ABC)) {
      return false;
    }
    byte[] a = new byte[1_000_000];
    Arrays.fill(a, (byte) 'a');
    int offset = 0;
    for (int piece = 1; offset < a.length; piece = piece * 7 % 65_521 + 1) {
      int n = Math.min(piece, a.length - offset);
      digest.update(a, offset, n);
      offset += n;
    }
    return hex.formatHex(digest.digest()).equals(MILLION_A);
  }
}

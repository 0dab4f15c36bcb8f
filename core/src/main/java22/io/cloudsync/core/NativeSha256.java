package io.cloudsync.core;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 computed by OpenSSL's libcrypto through the foreign function API (Java 22+, Linux): the
 * CPU's SHA extensions at full speed from the first call, whatever the JIT has compiled so far.
 *
 * <p>The state is OpenSSL's {@code SHA256_CTX} (112 bytes) kept in a Java array, so nothing native
 * is allocated and nothing needs freeing. Calls on heap memory are critical downcalls that read the
 * arrays in place (no copy); as such a call holds off the garbage collector, one call digests at
 * most {@link #CHUNK} bytes. Direct and mapped buffers are copied through an array (reading a
 * mapped file may wait on the disk, which a critical call must not). Loaded reflectively by {@link
 * Sha256Digests}, which self-tests it before use.
 */
@SuppressWarnings("restricted")
final class NativeSha256 extends MessageDigestSpi implements Cloneable {
  /** The most bytes one critical call digests: about a millisecond of work. */
  static final int CHUNK = 1 << 20;

  private static final int DIGEST_LENGTH = 32;
  private static final int COPY_CHUNK = 64 * 1024;
  private static final int CONTEXT_LONGS = 16; // 128 bytes, SHA256_CTX needs 112

  private static final String LIBRARY;
  private static final SymbolLookup LOOKUP;
  private static final MethodHandle INIT;
  private static final MethodHandle UPDATE;
  private static final MethodHandle FINAL;

  static {
    String name = null;
    SymbolLookup lookup = null;
    IllegalArgumentException missing = null;
    for (String candidate : List.of("libcrypto.so.3", "libcrypto.so")) {
      try {
        lookup = SymbolLookup.libraryLookup(candidate, Arena.global());
        name = candidate;
        break;
      } catch (IllegalArgumentException e) {
        missing = e;
      }
    }
    if (lookup == null) {
      throw missing;
    }
    Linker linker = Linker.nativeLinker();
    Linker.Option critical = Linker.Option.critical(true);
    LIBRARY = name;
    LOOKUP = lookup;
    INIT =
        linker.downcallHandle(
            lookup.find("SHA256_Init").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS),
            critical);
    UPDATE =
        linker.downcallHandle(
            lookup.find("SHA256_Update").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG),
            critical);
    FINAL =
        linker.downcallHandle(
            lookup.find("SHA256_Final").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
            critical);
  }

  private long[] context = new long[CONTEXT_LONGS];
  private byte[] one = new byte[1];

  NativeSha256() {
    engineReset();
  }

  /**
   * A provider of this digest as {@code MessageDigest.SHA-256}, meant to be passed to {@code
   * MessageDigest.getInstance(String, Provider)} and never registered; called reflectively.
   *
   * @throws IllegalArgumentException when libcrypto cannot be found (from the class initializer)
   */
  static Provider provider() {
    return new LibcryptoProvider();
  }

  /**
   * The library in use, e.g. {@code libcrypto.so.3 (OpenSSL 3.0.13, native)}. Asks OpenSSL for its
   * release each time (only {@code --version} needs it: linking the call costs startup time).
   */
  static String description() {
    String version = version();
    return LIBRARY + (version.isEmpty() ? " (native)" : " (" + version + ", native)");
  }

  @Override
  protected int engineGetDigestLength() {
    return DIGEST_LENGTH;
  }

  @Override
  protected void engineReset() {
    try {
      check((int) INIT.invokeExact(MemorySegment.ofArray(context)), "SHA256_Init");
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("SHA256_Init failed", t);
    }
  }

  @Override
  protected void engineUpdate(byte input) {
    one[0] = input;
    update(MemorySegment.ofArray(one), 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int len) {
    update(MemorySegment.ofArray(input), offset, len);
  }

  @Override
  protected void engineUpdate(ByteBuffer input) {
    int remaining = input.remaining();
    if (remaining == 0) {
      return;
    }
    if (input.hasArray()) {
      int position = input.position();
      update(MemorySegment.ofArray(input.array()), input.arrayOffset() + position, remaining);
      input.position(position + remaining);
    } else {
      // A direct or mapped buffer (reading a mapped file may wait on the disk, which a critical
      // call must not), or a read-only heap buffer: copied through an array.
      byte[] copy = new byte[Math.min(remaining, COPY_CHUNK)];
      while (input.hasRemaining()) {
        int n = Math.min(input.remaining(), copy.length);
        input.get(copy, 0, n);
        update(MemorySegment.ofArray(copy), 0, n);
      }
    }
  }

  @Override
  protected byte[] engineDigest() {
    byte[] digest = new byte[DIGEST_LENGTH];
    try {
      check(
          (int) FINAL.invokeExact(MemorySegment.ofArray(digest), MemorySegment.ofArray(context)),
          "SHA256_Final");
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("SHA256_Final failed", t);
    }
    engineReset();
    return digest;
  }

  @Override
  public Object clone() throws CloneNotSupportedException {
    NativeSha256 copy = (NativeSha256) super.clone();
    copy.context = context.clone();
    copy.one = new byte[1];
    return copy;
  }

  private void update(MemorySegment array, long offset, long length) {
    MemorySegment state = MemorySegment.ofArray(context);
    try {
      while (length > 0) {
        long n = Math.min(length, CHUNK);
        check((int) UPDATE.invokeExact(state, array.asSlice(offset, n), n), "SHA256_Update");
        offset += n;
        length -= n;
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("SHA256_Update failed", t);
    }
  }

  private static void check(int result, String function) {
    if (result != 1) {
      throw new IllegalStateException(function + " failed");
    }
  }

  /** OpenSSL's own version text ({@code OpenSSL_version(OPENSSL_VERSION)}), else empty. */
  private static String version() {
    try {
      MethodHandle versionText =
          Linker.nativeLinker()
              .downcallHandle(
                  LOOKUP.find("OpenSSL_version").orElseThrow(),
                  FunctionDescriptor.of(ADDRESS, JAVA_INT));
      MemorySegment text = (MemorySegment) versionText.invokeExact(0);
      String full = text.reinterpret(256).getString(0);
      // "OpenSSL 3.0.13 30 Jan 2024": the name and release, without the date.
      String[] words = full.split(" ");
      return words.length >= 2 ? words[0] + " " + words[1] : full;
    } catch (Throwable t) {
      return "";
    }
  }

  /** A provider never registered with {@code Security}: only those handed it use it. */
  private static final class LibcryptoProvider extends Provider {
    private static final long serialVersionUID = 1L;

    LibcryptoProvider() {
      super("cloudsync-libcrypto", "1.0", "SHA-256 from OpenSSL's libcrypto");
      putService(new Sha256Service(this));
    }
  }

  private static final class Sha256Service extends Provider.Service {
    Sha256Service(Provider provider) {
      super(
          provider,
          "MessageDigest",
          "SHA-256",
          NativeSha256.class.getName(),
          List.of("SHA256", "2.16.840.1.101.3.4.2.1"),
          Map.of());
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      return new NativeSha256();
    }
  }
}

package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The hooks, capability flags and helpers of {@link StorageBackendContract}. A backend's test
 * extends {@code StorageBackendContract}, implements {@link #backend()}, and overrides a flag only
 * for a documented deviation, with a comment saying why.
 *
 * <p>Each test works under its own random key prefix ({@link #prefix()}), so a shared remote bucket
 * needs no cleaning between tests and tests never see each other's objects. Large objects are
 * deleted by the test that wrote them; set {@link #deleteAfterEachTest()} to delete the rest too.
 */
public abstract class BackendContractSupport {
  private String prefix;

  /**
   * The backend under test. Called once or more per test; it may return the same shared backend
   * every time (a remote bucket) or a fresh one.
   */
  protected abstract StorageBackend backend();

  /** Where every test's prefix starts; override to keep contract objects apart in a bucket. */
  protected String basePrefix() {
    return "contract/";
  }

  /** Whether to delete each test's objects after it. Off: unique prefixes make it unnecessary. */
  protected boolean deleteAfterEachTest() {
    return false;
  }

  /** Whether {@code delete(key, ifMatch(...))} is honoured. */
  protected boolean supportsConditionalDelete() {
    return true;
  }

  /**
   * Whether the version token is derived from the content, as an S3 ETag is (the MD5 of a single
   * upload): rewriting or copying identical content then yields the same token. Every change of
   * content still changes the token; only identical rewrites go unnoticed, which costs a sync
   * nothing.
   */
  protected boolean versionTokenFollowsContent() {
    return false;
  }

  /** Whether ranged reads are supported; a backend without them may not claim the port. */
  protected boolean supportsRangedReads() {
    return true;
  }

  /**
   * Whether server-side copy is offered: by default, whether the backend is {@link SupportsCopy}.
   */
  protected boolean supportsCopy() {
    return backend() instanceof SupportsCopy;
  }

  /**
   * Whether two writers racing on one key with a condition are decided atomically by the store.
   * Override only for an emulator known to check and write in two steps, and say so.
   */
  protected boolean conditionalWritesAreAtomic() {
    return true;
  }

  /** Size of the streamed large-object round trip: 256 MiB. */
  protected long largeObjectBytes() {
    return 256L * 1024 * 1024;
  }

  /** How much the test's heap may grow while streaming the large object: 64 MiB. */
  protected long heapGrowthLimitBytes() {
    return 64L * 1024 * 1024;
  }

  /**
   * Whether stored content lives on this JVM's heap (an in-memory backend, or an emulator running
   * in-process such as S3Proxy's transient store), in which case the heap limit allows for one copy
   * of the large object.
   */
  protected boolean contentIsHeldOnHeap() {
    return false;
  }

  /** How many keys the paginated listing case writes: more than two pages of 1,000. */
  protected int manyKeysCount() {
    return 2_600;
  }

  /** How many threads write at once in the many-keys and racing-writers cases. */
  protected int writerThreads() {
    return 8;
  }

  /**
   * Stores {@code content} under a raw name that need not be a valid key, bypassing {@link
   * io.cloudsync.core.ObjectKey} (with the backend's SDK, for instance).
   *
   * @return {@code false} when the backend cannot hold such a name (the case is then skipped)
   */
  protected boolean plantRawObject(String rawName, byte[] content) {
    return false;
  }

  @BeforeEach
  final void choosePrefix() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    prefix = basePrefix() + HexFormat.of().formatHex(random) + "/";
  }

  @AfterEach
  final void deleteIfAsked() {
    if (deleteAfterEachTest()) {
      List<ObjectKey> keys;
      try (Stream<RemoteFile> files = backend().list(prefix)) {
        keys = files.map(RemoteFile::key).toList();
      }
      keys.forEach(k -> backend().delete(k, WriteCondition.UNCONDITIONAL));
    }
  }

  /** This test's own key prefix, ending in {@code /}. */
  protected final String prefix() {
    return prefix;
  }

  /** The key {@code name} under this test's prefix. */
  protected final ObjectKey key(String name) {
    return ObjectKey.of(prefix + name);
  }

  /** Writes {@code bytes} unconditionally, without metadata. */
  protected final RemoteFile put(ObjectKey key, byte[] bytes) {
    return put(key, bytes, WriteCondition.UNCONDITIONAL);
  }

  /** Writes {@code bytes} under {@code condition}, without metadata. */
  protected final RemoteFile put(ObjectKey key, byte[] bytes, WriteCondition condition) {
    return backend().write(key, new ByteArrayInputStream(bytes), bytes.length, Map.of(), condition);
  }

  /** Writes {@code text} in UTF-8 unconditionally. */
  protected final RemoteFile put(ObjectKey key, String text) {
    return put(key, utf8(text));
  }

  /** Reads the whole (small) object. */
  protected final byte[] bytesOf(ObjectKey key) {
    try (InputStream in = backend().read(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the whole (small) object as UTF-8. */
  protected final String textOf(ObjectKey key) {
    return new String(bytesOf(key), StandardCharsets.UTF_8);
  }

  /** The bytes of {@code text} in UTF-8. */
  protected static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code size} deterministic pseudo-random bytes (small sizes only). */
  protected static byte[] randomBytes(int size, long seed) {
    try (GeneratedContent content = new GeneratedContent(size, seed)) {
      return content.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of {@code bytes}. */
  protected static ContentHash sha256(byte[] bytes) {
    return ContentHasher.sha256().hash(bytes);
  }

  /** Asserts that {@code key} holds exactly {@code expected}, read back and by its stored hash. */
  protected final void assertStored(ObjectKey key, byte[] expected) {
    assertThat(bytesOf(key)).as("content of %s", key).isEqualTo(expected);
    RemoteFile stat = backend().stat(key).orElseThrow();
    assertThat(stat.size()).as("size of %s", key).isEqualTo(expected.length);
    assertThat(stat.hash()).as("hash of %s", key).contains(sha256(expected));
  }

  /** The heap in use after asking for a full collection a few times. */
  protected static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}

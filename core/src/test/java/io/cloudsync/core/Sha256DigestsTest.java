package io.cloudsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both implementations, the native one (setting "") and the JDK's ("jdk"), against the JDK's. */
class Sha256DigestsTest {
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String MILLION_A =
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  private static byte[] jdkDigest(byte[] data) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256", "SUN").digest(data);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void isNativeOnLinuxWithJava22AndNativeAccess() {
    boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
    assumeTrue(linux, "libcrypto through the foreign function API is used on Linux only");
    assumeTrue(
        Runtime.version().feature() >= 22,
        "the foreign function API needs Java 22, this is Java " + Runtime.version().feature());
    assumeTrue(
        System.getProperty(Sha256Digests.PROPERTY, "").isEmpty(),
        "-D" + Sha256Digests.PROPERTY + " is set");
    // The build runs its tests with --enable-native-access=ALL-UNNAMED; libcrypto.so.3 is part of
    // every Linux distribution this runs on.
    assertThat(Sha256Digests.selected().isNative()).isTrue();
    assertThat(ContentHasher.sha256Implementation()).startsWith("libcrypto").endsWith("native)");
    assertThat(ContentHasher.sha256Digest().getProvider().getName())
        .isEqualTo("cloudsync-libcrypto");
  }

  @Test
  void theNativeProviderIsNeverRegistered() {
    Sha256Digests.select("");

    assertThat(Security.getProvider("cloudsync-libcrypto")).isNull();
    assertThat(Arrays.stream(Security.getProviders()).map(p -> p.getName()))
        .doesNotContain("cloudsync-libcrypto");
  }

  @Test
  void settingJdkSelectsTheJdkDigest() {
    Sha256Digests jdk = Sha256Digests.select("jdk");

    assertThat(jdk.isNative()).isFalse();
    assertThat(jdk.description()).isEqualTo("JDK");
    assertThat(jdk.newDigest().getProvider().getName()).isNotEqualTo("cloudsync-libcrypto");
    assertThat(Sha256Digests.select(" JDK ").isNative()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void knownVectors(String setting) {
    Sha256Digests digests = Sha256Digests.select(setting);
    MessageDigest digest = digests.newDigest();
    byte[] millionA = new byte[1_000_000];
    Arrays.fill(millionA, (byte) 'a');

    assertThat(digest.getDigestLength()).isEqualTo(32);
    assertThat(hex(digest.digest())).isEqualTo(EMPTY);
    assertThat(hex(digest.digest(ascii("abc")))).isEqualTo(ABC);
    assertThat(hex(digest.digest(millionA))).isEqualTo(MILLION_A);
    for (int i = 0; i < 1000; i++) {
      digest.update(millionA, i * 1000, 1000);
    }
    assertThat(hex(digest.digest())).isEqualTo(MILLION_A);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void randomInputsFedInRandomPiecesDigestAsTheJdkDoes(String setting) throws Exception {
    Sha256Digests digests = Sha256Digests.select(setting);
    Random random = new Random(20_261_122L);
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[random.nextInt(300 * 1024 + 1)];
      random.nextBytes(data);
      MessageDigest digest = digests.newDigest();
      int offset = 0;
      while (offset < data.length) {
        int n = Math.min(data.length - offset, pieceSize(random));
        switch (random.nextInt(5)) {
          case 0 -> {
            for (int i = 0; i < n; i++) {
              digest.update(data[offset + i]);
            }
          }
          case 1 -> digest.update(ByteBuffer.wrap(data, offset, n));
          case 2 -> {
            ByteBuffer direct = ByteBuffer.allocateDirect(n + 7);
            direct.position(3);
            direct.put(data, offset, n);
            direct.flip().position(3);
            digest.update(direct);
            assertThat(direct.hasRemaining()).isFalse();
          }
          case 3 -> digest.update(ByteBuffer.wrap(data, offset, n).asReadOnlyBuffer());
          default -> digest.update(data, offset, n);
        }
        offset += n;
      }
      assertThat(hex(digest.digest()))
          .as("round %d, %d bytes", round, data.length)
          .isEqualTo(hex(jdkDigest(data)));
    }
  }

  private static int pieceSize(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 1 + random.nextInt(3);
      case 1 -> 1 + random.nextInt(100);
      case 2 -> 1 + random.nextInt(8192);
      default -> 1 + random.nextInt(128 * 1024);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void heapBufferSlicesAreDigestedFromTheirArrayOffset(String setting) throws Exception {
    byte[] data = new byte[10_000];
    new Random(7).nextBytes(data);
    ByteBuffer slice = ByteBuffer.wrap(data, 100, 9_000).slice().position(50);
    MessageDigest digest = Sha256Digests.select(setting).newDigest();

    digest.update(slice);

    assertThat(slice.position()).isEqualTo(9_000);
    assertThat(digest.digest()).isEqualTo(jdkDigest(Arrays.copyOfRange(data, 150, 9_100)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void resetMidwayStartsAfresh(String setting) {
    MessageDigest digest = Sha256Digests.select(setting).newDigest();
    digest.update(ascii("something else entirely"));

    digest.reset();
    digest.update(ascii("ab"));
    digest.update((byte) 'c');

    assertThat(hex(digest.digest())).isEqualTo(ABC);
    assertThat(hex(digest.digest())).as("digest() resets too").isEqualTo(EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void aCloneTakenMidwayContinuesIndependently(String setting) throws Exception {
    MessageDigest digest = Sha256Digests.select(setting).newDigest();
    digest.update(ascii("ab"));

    MessageDigest copy = (MessageDigest) digest.clone();
    digest.update(ascii("c"));
    copy.update(ascii("d"));
    copy.update((byte) 'e');

    assertThat(hex(digest.digest())).isEqualTo(ABC);
    assertThat(copy.digest()).isEqualTo(jdkDigest(ascii("abde")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void aSingleUpdateLargerThanOneNativeCallIsDigestedWhole(String setting) throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 123];
    new Random(3).nextBytes(data);
    MessageDigest digest = Sha256Digests.select(setting).newDigest();

    digest.update(data, 17, data.length - 17);

    assertThat(digest.digest()).isEqualTo(jdkDigest(Arrays.copyOfRange(data, 17, data.length)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdk"})
  void separateDigestsOnManyThreadsAgreeWithTheJdk(String setting) throws Exception {
    Sha256Digests digests = Sha256Digests.select(setting);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = t;
        results.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int round = 0; round < 20; round++) {
                    byte[] data = new byte[random.nextInt(512 * 1024)];
                    random.nextBytes(data);
                    MessageDigest digest = digests.newDigest();
                    for (int offset = 0; offset < data.length; ) {
                      int n = Math.min(data.length - offset, 1 + random.nextInt(64 * 1024));
                      digest.update(data, offset, n);
                      offset += n;
                    }
                    if (!Arrays.equals(digest.digest(), jdkDigest(data))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theHasherAndItsStreamsUseTheSelectedDigest() {
    assertThat(Sha256Hasher.newDigest().getProvider())
        .isEqualTo(ContentHasher.sha256Digest().getProvider());
    assertThat(ContentHasher.sha256().hash(ascii("abc")).hex()).isEqualTo(ABC);
  }
}

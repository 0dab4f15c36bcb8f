package io.cloudsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHasherTest {
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  private final ContentHasher hasher = ContentHasher.sha256();

  @Test
  void hashesBytesStreamsAndFilesAlike(@TempDir Path dir) throws IOException {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    Path file = Files.write(dir.resolve("abc"), abc);
    assertThat(hasher.hash(abc).hex()).isEqualTo(ABC_SHA256);
    assertThat(hasher.hash(new ByteArrayInputStream(abc)).hex()).isEqualTo(ABC_SHA256);
    assertThat(hasher.hash(file).hex()).isEqualTo(ABC_SHA256);
  }

  @Test
  void theEmptyHashIsTheHashOfNothing() {
    assertThat(hasher.hash(new byte[0])).isEqualTo(ContentHash.EMPTY);
  }

  @Test
  void hashingStreamDigestsWhatPassesThroughAndCountsIt() throws IOException {
    byte[] data = new byte[1_000_003];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    HashingInputStream in = hasher.hashing(new ByteArrayInputStream(data));
    try (InputStream ignored = in) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertThat(in.count()).isEqualTo(data.length);
    assertThat(in.hash()).isEqualTo(hasher.hash(data));
  }

  @Test
  void hashingStreamStillDigestsSkippedBytes() throws IOException {
    byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
    HashingInputStream in = hasher.hashing(new ByteArrayInputStream(data));
    assertThat(in.skip(4)).isEqualTo(4);
    in.transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(in.hash()).isEqualTo(hasher.hash(data));
  }

  @Test
  void contentHashAcceptsEitherCaseButStoresLowercase() {
    assertThat(ContentHash.ofHex(ABC_SHA256.toUpperCase()).hex()).isEqualTo(ABC_SHA256);
    assertThat(ContentHash.ofDigest(ContentHash.ofHex(ABC_SHA256).digest()).hex())
        .isEqualTo(ABC_SHA256);
  }

  @Test
  void contentHashRefusesWhatIsNotASha256() {
    assertThatThrownBy(() -> new ContentHash("abc")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> new ContentHash("z".repeat(64))).hasMessageContaining("hex");
    assertThatThrownBy(() -> ContentHash.ofDigest(new byte[3])).hasMessageContaining("32 bytes");
  }
}

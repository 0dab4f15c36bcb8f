package io.cloudsync.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * On a plain-HTTP endpoint, request bodies travel unsigned, as over HTTPS: no aws-chunked framing,
 * no per-chunk signatures, while the request itself is still signed and accepted by the server.
 */
class UnsignedPayloadTest {
  private static final S3ProxyServer SERVER = S3ProxyServer.get();

  private final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
  private S3StorageBackend backend;

  private final ExecutionInterceptor wire =
      new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
          sent.add(context.httpRequest());
        }
      };

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  private S3StorageBackend open() {
    backend =
        SERVER.openFreshWatched(
            Map.of("multipart-threshold", "5M", "part-size", "5M", "part-concurrency", "2"),
            List.of(wire));
    return backend;
  }

  @Test
  void singlePutsAndPartsGoUnsignedAndUnchunkedAndTheServerAcceptsThem() throws Exception {
    S3StorageBackend s3 = open();
    byte[] small = "small object".getBytes();
    byte[] large = new byte[12 << 20];
    new Random(7).nextBytes(large);

    for (var entry : Map.of("small.txt", small, "large.bin", large).entrySet()) {
      s3.write(
          ObjectKey.of(entry.getKey()),
          new ByteArrayInputStream(entry.getValue()),
          entry.getValue().length,
          Map.of("cloudsync-sha256", ContentHasher.sha256().hash(entry.getValue()).hex()),
          WriteCondition.IF_ABSENT);
      try (InputStream in = s3.read(ObjectKey.of(entry.getKey()))) {
        assertThat(in.readAllBytes()).isEqualTo(entry.getValue());
      }
    }

    List<SdkHttpRequest> bodies =
        sent.stream().filter(r -> r.method().name().equals("PUT")).toList();
    assertThat(bodies)
        .as("the small PUT and the three parts of the large one")
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(
            r -> {
              assertThat(r.protocol()).isEqualTo("http");
              assertThat(r.firstMatchingHeader("x-amz-content-sha256"))
                  .contains("UNSIGNED-PAYLOAD");
              assertThat(r.firstMatchingHeader("Content-Encoding")).isEmpty();
              assertThat(r.firstMatchingHeader("Authorization").orElseThrow())
                  .startsWith("AWS4-HMAC-SHA256 ");
            });
  }
}

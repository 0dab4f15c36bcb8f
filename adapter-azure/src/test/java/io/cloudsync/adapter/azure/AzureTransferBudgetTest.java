package io.cloudsync.adapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * Block uploads share a run's transfer budget: an upload's first block rides on its action's
 * permit, further blocks only on spare ones, so blocks in flight never exceed the budget.
 */
class AzureTransferBudgetTest {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  private static final int BLOCK = 16 << 10;

  /** Small blocks, and a per-upload bound (eight) well above the budgets under test. */
  private static final Map<String, String> OPTIONS =
      Map.of("single-upload-threshold", "64K", "block-size", "16K", "concurrency", "8");

  private final BlocksInFlight blocks = new BlocksInFlight();
  private AzureStorageBackend backend;

  /** Counts the Put Block requests under way at once, as the SDK sends them. */
  static final class BlocksInFlight implements HttpPipelinePolicy {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger total = new AtomicInteger();

    private static boolean isPutBlock(HttpRequest request) {
      String query = request.getUrl().getQuery();
      return request.getHttpMethod() == HttpMethod.PUT
          && query != null
          && query.contains("comp=block")
          && !query.contains("comp=blocklist");
    }

    private boolean enter(HttpRequest request) {
      if (!isPutBlock(request)) {
        return false;
      }
      total.incrementAndGet();
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      return true;
    }

    @Override
    public Mono<HttpResponse> process(
        HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
      return Mono.defer(
          () -> {
            if (!enter(context.getHttpRequest())) {
              return next.process();
            }
            // Counted out before the answer reaches the caller (doFinally would run after it, when
            // the caller may already have sent its next block).
            AtomicBoolean left = new AtomicBoolean();
            Runnable leave =
                () -> {
                  if (left.compareAndSet(false, true)) {
                    now.decrementAndGet();
                  }
                };
            return next.process()
                .doOnSuccess(response -> leave.run())
                .doOnError(error -> leave.run())
                .doOnCancel(leave);
          });
    }

    @Override
    public HttpResponse processSync(
        HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
      boolean counted = enter(context.getHttpRequest());
      try {
        return next.processSync();
      } finally {
        if (counted) {
          now.decrementAndGet();
        }
      }
    }
  }

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  private AzureStorageBackend open() {
    String container = AzuriteBackends.freshContainer();
    AzureConfig config =
        AzureStorageProvider.read(
            new BackendConfig(
                BackendUri.parse("az://" + container),
                new HashMap<>(OPTIONS),
                AzuriteBackends.env(AZURITE)));
    RestrictedHeaders.allowContentLength();
    BlobContainerClient client =
        new BlobServiceClientBuilder()
            .connectionString(AZURITE.connectionString())
            .httpClient(new JdkHttpClientBuilder().build())
            .addPolicy(blocks)
            .buildClient()
            .getBlobContainerClient(container);
    backend =
        new AzureStorageBackend(
            config, new AzureClients.Clients(client, AZURITE.blobEndpoint(), Optional.empty()));
    backend.createBucket();
    return backend;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void assertStored(AzureStorageBackend b, String key, byte[] bytes)
      throws IOException {
    RemoteFile stat = b.stat(ObjectKey.of(key)).orElseThrow();
    assertThat(stat.size()).isEqualTo(bytes.length);
    assertThat(stat.hash()).contains(ContentHasher.sha256().hash(bytes));
    try (var in = b.read(ObjectKey.of(key))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  /**
   * Runs one upload per content at once, each on a thread holding one permit, as the engine does.
   */
  private static void uploadConcurrently(
      AzureStorageBackend b, TransferBudget budget, List<byte[]> contents) throws Exception {
    for (int i = 0; i < contents.size(); i++) {
      budget.acquire();
    }
    try (ExecutorService actions = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<RemoteFile>> done = new ArrayList<>();
      for (int i = 0; i < contents.size(); i++) {
        byte[] bytes = contents.get(i);
        String key = "big-" + i + ".bin";
        done.add(
            actions.submit(
                () -> {
                  try {
                    return b.write(
                        ObjectKey.of(key),
                        new ByteArrayInputStream(bytes),
                        bytes.length,
                        Map.of(),
                        WriteCondition.UNCONDITIONAL);
                  } finally {
                    budget.release();
                  }
                }));
      }
      for (Future<RemoteFile> f : done) {
        assertThat(f.get().size()).isPositive();
      }
    }
  }

  @Test
  void twoConcurrentBlockUploadsNeverHaveMoreBlocksInFlightThanTheBudget() throws Exception {
    AzureStorageBackend b = open();
    TransferBudget budget = TransferBudget.of(2);
    List<byte[]> contents = List.of(random(10 * BLOCK + 5, 1), random(12 * BLOCK, 2));

    try (SupportsTransferBudget.Attachment attached = b.attachTransferBudget(budget)) {
      uploadConcurrently(b, budget, contents);
    }

    assertThat(blocks.total).hasValue(11 + 12);
    assertThat(blocks.most.get()).isBetween(1, budget.permits());
    assertStored(b, "big-0.bin", contents.get(0));
    assertStored(b, "big-1.bin", contents.get(1));
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isTrue();
  }

  @Test
  void blocksSpreadOverSparePermitsButNeverBeyondTheBudget() throws Exception {
    AzureStorageBackend b = open();
    TransferBudget budget = TransferBudget.of(3);
    byte[] bytes = random(20 * BLOCK, 3);

    try (SupportsTransferBudget.Attachment attached = b.attachTransferBudget(budget)) {
      uploadConcurrently(b, budget, List.of(bytes));
    }

    assertThat(blocks.total).hasValue(20);
    assertThat(blocks.most.get()).isBetween(1, budget.permits());
    assertStored(b, "big-0.bin", bytes);
  }

  @Test
  void anUploadWithNoSparePermitCompletesOneBlockAtATime() throws Exception {
    AzureStorageBackend b = open();
    TransferBudget budget = TransferBudget.of(1);
    byte[] bytes = random(9 * BLOCK + 1, 4);

    try (SupportsTransferBudget.Attachment attached = b.attachTransferBudget(budget)) {
      uploadConcurrently(b, budget, List.of(bytes));
    }

    assertThat(blocks.total).hasValue(10);
    assertThat(blocks.most).hasValue(1);
    assertStored(b, "big-0.bin", bytes);
    assertThat(budget.tryAcquire()).isTrue();
  }
}

package io.cloudsync.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Multipart uploads share a run's transfer budget: an upload's first part rides on its action's
 * permit, further parts only on spare ones, so parts in flight never exceed the budget.
 */
class S3TransferBudgetTest {
  private static final S3ProxyServer SERVER = S3ProxyServer.get();
  private static final ContentHasher HASHER = ContentHasher.sha256();
  private static final int PART = 5 << 20;

  private final PartsInFlight parts = new PartsInFlight();
  private S3StorageBackend backend;

  /** Counts the UploadPart requests under way at once, as the SDK sends them. */
  static final class PartsInFlight implements ExecutionInterceptor {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger total = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof UploadPartRequest) {
        total.incrementAndGet();
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof UploadPartRequest) {
        now.decrementAndGet();
      }
    }

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof UploadPartRequest) {
        now.decrementAndGet();
      }
    }
  }

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  /** A backend whose own bound (eight part buffers) would let many more parts travel at once. */
  private S3StorageBackend open() {
    backend =
        SERVER.openFreshWatched(
            Map.of("multipart-threshold", "5M", "part-size", "5M", "part-concurrency", "8"),
            List.of(parts));
    return backend;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static RemoteFile upload(S3StorageBackend b, String key, byte[] bytes) {
    return b.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(ContentHash.METADATA_KEY, HASHER.hash(bytes).hex()),
        WriteCondition.UNCONDITIONAL);
  }

  private static void assertStored(S3StorageBackend b, String key, byte[] bytes)
      throws java.io.IOException {
    ContentHash hash = HASHER.hash(bytes);
    RemoteFile stat = b.stat(ObjectKey.of(key)).orElseThrow();
    assertThat(stat.size()).isEqualTo(bytes.length);
    assertThat(stat.hash()).contains(hash);
    assertThat(HASHER.hash(b.read(ObjectKey.of(key)))).isEqualTo(hash);
  }

  /**
   * Runs one upload per content at once, each on a thread holding one permit, as the engine does.
   */
  private void uploadConcurrently(S3StorageBackend b, TransferBudget budget, List<byte[]> contents)
      throws Exception {
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
                    return upload(b, key, bytes);
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
  void twoConcurrentMultipartUploadsNeverHaveMorePartsInFlightThanTheBudget() throws Exception {
    S3StorageBackend b = open();
    TransferBudget budget = TransferBudget.of(2);
    List<byte[]> contents = List.of(random(3 * PART + 123, 1), random(4 * PART, 2));

    try (SupportsTransferBudget.Attachment attached = b.attachTransferBudget(budget)) {
      uploadConcurrently(b, budget, contents);
    }

    assertThat(parts.total).hasValue(4 + 4);
    assertThat(parts.most.get()).isBetween(1, budget.permits());
    assertStored(b, "big-0.bin", contents.get(0));
    assertStored(b, "big-1.bin", contents.get(1));
    // Every permit came back.
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isTrue();
  }

  @Test
  void partsSpreadOverSparePermitsButNeverBeyondTheBudget() throws Exception {
    S3StorageBackend b = open();
    TransferBudget budget = TransferBudget.of(3);
    byte[] bytes = random(6 * PART, 3);

    try (SupportsTransferBudget.Attachment attached = b.attachTransferBudget(budget)) {
      uploadConcurrently(b, budget, List.of(bytes));
    }

    assertThat(parts.total).hasValue(6);
    assertThat(parts.most.get()).isBetween(1, budget.permits());
    assertStored(b, "big-0.bin", bytes);
  }

  @Test
  void anUploadWithNoSparePermitCompletesOnePartAtATime() throws Exception {
    S3StorageBackend b = open();
    TransferBudget budget = TransferBudget.of(1);
    byte[] bytes = random(4 * PART + 7, 4);

    try (SupportsTransferBudget.Attachment attached = b.attachTransferBudget(budget)) {
      uploadConcurrently(b, budget, List.of(bytes));
    }

    assertThat(parts.total).hasValue(5);
    assertThat(parts.most).hasValue(1);
    assertStored(b, "big-0.bin", bytes);
    assertThat(budget.tryAcquire()).isTrue();
  }
}

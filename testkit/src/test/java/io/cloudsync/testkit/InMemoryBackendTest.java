package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InMemoryBackendTest {

  private static RemoteFile put(StorageBackend backend, String key, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return backend.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }

  @Test
  void serviceLoaderFindsTheMemScheme() {
    StorageProviders providers = StorageProviders.load();

    assertThat(providers.schemes()).contains("mem");
    assertThat(providers.forScheme("mem")).get().isInstanceOf(InMemoryStorageProvider.class);
  }

  @Test
  void anUnknownSchemeErrorListsMem() {
    assertThatThrownBy(() -> StorageProviders.load().open(BackendConfig.isolated("zz://b")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'zz'")
        .hasMessageContaining("mem");
  }

  @Test
  void backendsOfTheSameNameShareTheirObjects() {
    StorageBackend viaUri = StorageProviders.load().open(BackendConfig.isolated("mem://shared-a"));
    put(viaUri, "hello.txt", "hi");

    InMemoryBackend named = InMemoryStorageProvider.named("shared-a");

    assertThat(named.stat(ObjectKey.of("hello.txt"))).isPresent();
    assertThat(InMemoryStorageProvider.named("shared-b").stat(ObjectKey.of("hello.txt"))).isEmpty();
    assertThat(new InMemoryBackend().stat(ObjectKey.of("hello.txt"))).isEmpty();
  }

  @Test
  void aRootPrefixIsPartOfTheLocationButNotOfTheKeys() {
    StorageBackend rooted =
        StorageProviders.load().open(BackendConfig.isolated("mem://rooted/team/docs"));
    put(rooted, "a.txt", "a");

    assertThat(rooted.location(ObjectKey.of("a.txt"))).isEqualTo("mem://rooted/team/docs/a.txt");
    assertThat(rooted.describe().location()).isEqualTo("mem://rooted/team/docs");
    assertThat(InMemoryStorageProvider.named("rooted").stat(ObjectKey.of("team/docs/a.txt")))
        .isPresent();
    try (Stream<RemoteFile> files = rooted.list("")) {
      assertThat(files.map(f -> f.key().value())).containsExactly("a.txt");
    }
  }

  @Test
  void aBadPageSizeOptionIsAConfigError() {
    assertThatThrownBy(
            () -> StorageProviders.load().open(BackendConfig.isolated("mem://x?page-size=0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("mem://x: option page-size: must be at least 1");
    assertThatThrownBy(
            () -> StorageProviders.load().open(BackendConfig.isolated("mem://x?page-size=ten")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("not a whole number");
  }

  @Test
  void listingFetchesPagesOnlyAsTheyAreConsumed() {
    InMemoryBackend backend = new InMemoryBackend().withPageSize(10);
    for (int i = 0; i < 95; i++) {
      put(backend, "k/%03d".formatted(i), "x");
    }

    try (Stream<RemoteFile> files = backend.list("k/")) {
      Iterator<RemoteFile> it = files.iterator();
      it.next();
      assertThat(backend.pagesServed()).isEqualTo(1);
      for (int i = 1; i < 11; i++) {
        it.next();
      }
      assertThat(backend.pagesServed()).isEqualTo(2);
    }
    long before = backend.pagesServed();
    try (Stream<RemoteFile> files = backend.list("k/")) {
      assertThat(files.count()).isEqualTo(95);
    }
    assertThat(backend.pagesServed() - before).isEqualTo(10);
  }

  @Test
  void messagesUseTheMemLocation() {
    InMemoryBackend backend = InMemoryStorageProvider.named("messages");
    ObjectKey key = ObjectKey.of("dir/missing.txt");

    assertThatThrownBy(() -> backend.read(key))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("mem://messages/dir/missing.txt: not found");
  }

  @Test
  void plantedRawNamesAreListedAsRejectedWithTheirRule() {
    InMemoryBackend backend = new InMemoryBackend();
    backend.plantRaw("../x", new byte[] {1});
    backend.plantRaw("/abs", new byte[] {2});
    backend.plantRaw("a//b", new byte[] {3});

    try (Stream<ListEntry> entries = backend.listEntries("")) {
      assertThat(entries)
          .containsExactlyInAnyOrder(
              new RejectedKey("../x", "key has a '..' segment; keys may not climb out of the root"),
              new RejectedKey(
                  "/abs", "key is absolute (starts with '/'); keys are relative to the root"),
              new RejectedKey("a//b", "key has an empty segment ('//')"));
    }
    assertThat(backend.objectCount()).isEqualTo(3);
  }

  @Test
  void writesAreStampedByTheGivenClock() {
    Instant at = Instant.parse("2025-01-20T14:32:00Z");
    InMemoryBackend backend = new InMemoryBackend().withClock(() -> at);

    assertThat(put(backend, "t.txt", "t").lastModified()).isEqualTo(at);
    assertThat(backend.stats("").lastModified()).contains(at);
  }

  @Test
  void createBucketReportsWhetherItCreatedTheStore() {
    InMemoryBackend backend = new InMemoryBackend();

    assertThat(backend.createBucket()).isTrue();
    assertThat(backend.createBucket()).isFalse();
  }

  @Test
  void clearEmptiesTheStore() {
    InMemoryBackend backend = new InMemoryBackend();
    put(backend, "a", "1");
    put(backend, "b/c", "2");

    backend.clear();

    assertThat(backend.objectCount()).isZero();
    assertThat(backend.stats("").objectCount()).isZero();
  }
}

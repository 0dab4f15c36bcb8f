package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderRegistrationTest {
  @TempDir Path root;

  @Test
  void serviceLoaderFindsTheLocalProviderByBothSchemes() {
    StorageProviders providers = StorageProviders.load();
    assertThat(providers.schemes()).contains("local", "file");
    assertThat(providers.forScheme("local")).get().isInstanceOf(LocalStorageProvider.class);
    assertThat(providers.forScheme("file")).get().isInstanceOf(LocalStorageProvider.class);
  }

  @Test
  void opensAFolderFromEitherUriShapeWithCopyAndBucketCreation() {
    StorageProviders providers = StorageProviders.load();
    for (String uri : new String[] {"local:" + root, "file://" + root, "local://" + root}) {
      try (StorageBackend backend = providers.open(BackendConfig.isolated(uri))) {
        assertThat(backend.location(ObjectKey.of("a/b.txt")))
            .as(uri)
            .isEqualTo(root.resolve("a/b.txt").toString());
        assertThat(backend).isInstanceOf(SupportsCopy.class);
        assertThat(backend).isInstanceOf(SupportsBucketCreation.class);
      }
    }
  }

  @Test
  void writesThroughTheProviderLandInTheFolder() {
    try (StorageBackend backend =
        StorageProviders.load().open(BackendConfig.isolated("file://" + root))) {
      backend.write(
          ObjectKey.of("x.txt"),
          new ByteArrayInputStream("x".getBytes(UTF_8)),
          1,
          Map.of(),
          WriteCondition.IF_ABSENT);
    }
    assertThat(root.resolve("x.txt")).hasContent("x");
  }

  @Test
  void relativePathResolvesAgainstTheWorkingFolder() {
    try (StorageBackend backend =
        StorageProviders.load().open(BackendConfig.isolated("local:data/remote"))) {
      assertThat(backend.location(ObjectKey.of("k")))
          .isEqualTo(Path.of("").toAbsolutePath().resolve("data/remote/k").toString());
    }
  }

  @Test
  void unknownSchemeListsTheKnownOnes() {
    assertThatThrownBy(() -> StorageProviders.load().open(BackendConfig.isolated("nope://b/p")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("nope://b/p: unknown scheme 'nope'; known schemes: ")
        .hasMessageContaining("file")
        .hasMessageContaining("local");
  }
}

package io.cloudsync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorageProvidersTest {

  private record NamedProvider(Set<String> schemes) implements StorageProvider {
    @Override
    public String description() {
      return "test provider";
    }

    @Override
    public StorageBackend open(BackendConfig config) {
      throw new InvalidConfigException(config.uri().location(), "opened " + schemes);
    }
  }

  @Test
  void findsTheProviderForAScheme() {
    StorageProviders providers =
        StorageProviders.of(
            List.of(new NamedProvider(Set.of("s3")), new NamedProvider(Set.of("gs"))));
    assertThat(providers.schemes()).containsExactly("gs", "s3");
    assertThatThrownBy(() -> providers.open(BackendConfig.isolated("s3://b")))
        .hasMessage("s3://b: opened [s3]");
  }

  @Test
  void anUnknownSchemeListsTheKnownOnes() {
    StorageProviders providers =
        StorageProviders.of(List.of(new NamedProvider(Set.of("local", "file"))));
    assertThatThrownBy(() -> providers.open(BackendConfig.isolated("ftp://host/dir")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown scheme 'ftp'")
        .hasMessageContaining("known schemes: file, local");
  }

  @Test
  void theFirstProviderToClaimASchemeKeepsIt() {
    NamedProvider first = new NamedProvider(Set.of("s3"));
    StorageProviders providers =
        StorageProviders.of(List.of(first, new NamedProvider(Set.of("s3"))));
    assertThat(providers.forScheme("s3")).containsSame(first);
  }

  @Test
  void exceptionsCarryTheLocationFirstAndSayWhetherToRetry() {
    StorageException e = new ThrottledException("s3://b/k", "slow down");
    assertThat(e).hasMessage("s3://b/k: slow down");
    assertThat(e.location()).isEqualTo("s3://b/k");
    assertThat(e.detail()).isEqualTo("slow down");
    assertThat(e.isRetryable()).isTrue();
    assertThat(new TransientStorageException("x", "reset").isRetryable()).isTrue();
    assertThat(new NotFoundException("x", "not found").isRetryable()).isFalse();
    assertThat(new PreconditionFailedException("x", "changed").isRetryable()).isFalse();
    assertThat(new AccessDeniedException("x", "credentials rejected").isRetryable()).isFalse();
  }
}

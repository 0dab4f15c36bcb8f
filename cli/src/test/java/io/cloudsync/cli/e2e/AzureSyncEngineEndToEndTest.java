package io.cloudsync.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.conflict.ConflictStrategy;
import io.cloudsync.conflict.StrategyRules;
import io.cloudsync.core.Clock;
import io.cloudsync.engine.SyncEngine;
import io.cloudsync.engine.SyncOptions;
import io.cloudsync.engine.SyncResult;
import io.cloudsync.engine.conflicts.ResolverPolicies;
import io.cloudsync.engine.exec.SyncListener;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync engine over the Azure adapter against Azurite, until the CLI has a sync command: two
 * workspaces converge through one container, checked by a REST client sharing no code with them.
 */
class AzureSyncEngineEndToEndTest {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  @TempDir Path first;
  @TempDir Path second;

  private static SyncEngine engine(Path workspace, StorageBackend backend, String host) {
    Clock clock = Clock.system();
    return new SyncEngine(
        workspace,
        backend,
        new ResolverPolicies(StrategyRules.always(ConflictStrategy.KEEP_BOTH), host, clock),
        clock);
  }

  @Test
  void aWorkspaceSyncsThroughAzuriteIntoASecondAndARemoteEditArrives() throws Exception {
    String container = "sync" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    byte[] big = new byte[20 * 1024 * 1024 + 5];
    new Random(3).nextBytes(big);
    Files.createDirectories(first.resolve("docs"));
    Files.writeString(first.resolve("docs/readme.md"), "# hello");
    Files.writeString(first.resolve("notes.txt"), "first notes");
    Files.write(first.resolve("docs/big.bin"), big);
    AzureBlobRestClient independent =
        new AzureBlobRestClient(
            AZURITE.blobEndpoint(), AZURITE.accountName(), AZURITE.accountKey());

    try (StorageBackend backend =
        StorageProviders.load()
            .open(
                new BackendConfig(
                    BackendUri.parse("az://" + container + "/team"),
                    Map.of(),
                    Map.of("AZURE_STORAGE_CONNECTION_STRING", AZURITE.connectionString())))) {
      ((SupportsBucketCreation) backend).createBucket();

      SyncResult up =
          engine(first, backend, "box-a").sync(SyncOptions.defaults(), SyncListener.NONE);
      assertThat(up.errors()).isEmpty();
      assertThat(up.uploaded()).isEqualTo(3);
      assertThat(independent.list(container))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "team/docs/readme.md", 7L,
                  "team/notes.txt", 11L,
                  "team/docs/big.bin", (long) big.length));

      SyncResult down =
          engine(second, backend, "box-b").sync(SyncOptions.defaults(), SyncListener.NONE);
      assertThat(down.errors()).isEmpty();
      assertThat(down.downloaded()).isEqualTo(3);
      assertThat(Files.readString(second.resolve("docs/readme.md"))).isEqualTo("# hello");
      assertThat(Files.readAllBytes(second.resolve("docs/big.bin"))).isEqualTo(big);

      independent.put(
          container, "team/notes.txt", "edited elsewhere".getBytes(StandardCharsets.UTF_8));
      SyncResult again =
          engine(second, backend, "box-b").sync(SyncOptions.defaults(), SyncListener.NONE);
      assertThat(again.errors()).isEmpty();
      assertThat(again.downloaded()).isEqualTo(1);
      assertThat(Files.readString(second.resolve("notes.txt"))).isEqualTo("edited elsewhere");

      SyncResult noop =
          engine(second, backend, "box-b").sync(SyncOptions.defaults(), SyncListener.NONE);
      assertThat(noop.uploaded() + noop.downloaded() + noop.deletedLocal() + noop.deletedRemote())
          .isZero();
    }
  }
}

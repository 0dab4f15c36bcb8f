package io.cloudsync.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteSnapshotTest {

  private static RemoteFile hashed(String key) {
    return new RemoteFile(
        ObjectKey.of(key),
        key.length(),
        Instant.ofEpochSecond(1_700_000_000),
        Optional.of(ContentHasher.sha256().hash(key.getBytes(StandardCharsets.UTF_8))),
        VersionToken.of("v-" + key),
        Map.of("cloudsync-mtime", "1"));
  }

  @Test
  void theHashesOfTheNamedKeysAreSetAsideAndEverythingElseIsKept() {
    RemoteSnapshot snapshot =
        new RemoteSnapshot(
            Map.of(ObjectKey.of("a.txt"), hashed("a.txt"), ObjectKey.of("b.txt"), hashed("b.txt")),
            List.of("skipped ../x"));

    RemoteSnapshot unhashed =
        snapshot.withoutHashesOf(Set.of(ObjectKey.of("b.txt"), ObjectKey.of("gone.txt")));

    assertThat(unhashed.files().get(ObjectKey.of("a.txt"))).isEqualTo(hashed("a.txt"));
    RemoteFile b = unhashed.files().get(ObjectKey.of("b.txt"));
    assertThat(b.hash()).isEmpty();
    assertThat(b).usingRecursiveComparison().ignoringFields("hash").isEqualTo(hashed("b.txt"));
    assertThat(unhashed.files()).hasSize(2);
    assertThat(unhashed.skipped()).containsExactly("skipped ../x");
  }

  @Test
  void withNothingToSetAsideTheSnapshotIsItself() {
    RemoteSnapshot snapshot =
        new RemoteSnapshot(Map.of(ObjectKey.of("a.txt"), hashed("a.txt")), List.of());
    assertThat(snapshot.withoutHashesOf(Set.of())).isSameAs(snapshot);
    assertThat(snapshot.withoutHashesOf(Set.of(ObjectKey.of("other.txt")))).isSameAs(snapshot);
  }
}

package io.cloudsync.engine.remote;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.scan.IgnoreRules;
import io.cloudsync.storage.WriteCondition;
import io.cloudsync.testkit.InMemoryBackend;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteListerTest {
  final InMemoryBackend backend = new InMemoryBackend();

  void put(String key, String content) {
    byte[] b = content.getBytes(UTF_8);
    backend.write(
        ObjectKey.of(key),
        new ByteArrayInputStream(b),
        b.length,
        Map.of(),
        WriteCondition.UNCONDITIONAL);
  }

  @Test
  void listsValidKeysWithVersionsAndReportsRejectedNames() {
    put("docs/a.md", "a");
    backend.plantRaw("../x", "evil".getBytes(UTF_8));
    backend.plantRaw("/abs", "evil".getBytes(UTF_8));
    backend.plantRaw("a//b", "evil".getBytes(UTF_8));
    RemoteSnapshot snap = new RemoteLister(backend, IgnoreRules.none()).list();
    assertThat(snap.files()).containsOnlyKeys(ObjectKey.of("docs/a.md"));
    assertThat(snap.files().get(ObjectKey.of("docs/a.md")).version().value()).isNotBlank();
    assertThat(snap.skipped()).hasSize(3);
    assertThat(snap.skipped()).anySatisfy(s -> assertThat(s).contains("'../x'").contains(".."));
    assertThat(snap.skipped())
        .anySatisfy(s -> assertThat(s).contains("'/abs'").contains("absolute"));
    assertThat(snap.skipped())
        .anySatisfy(s -> assertThat(s).contains("'a//b'").contains("empty segment"));
  }

  @Test
  void ignoreRulesAndTheStateFolderApplyToRemoteKeys() {
    put("keep.txt", "k");
    put("build/out.bin", "o");
    put(".cloudsync/state.db", "not ours to download");
    RemoteSnapshot snap = new RemoteLister(backend, IgnoreRules.parse(List.of("build/"))).list();
    assertThat(snap.files()).containsOnlyKeys(ObjectKey.of("keep.txt"));
  }
}

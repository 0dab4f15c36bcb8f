package io.cloudsync.conflict;

import static io.cloudsync.core.ConflictInfo.Kind.BOTH_MODIFIED;
import static io.cloudsync.core.ConflictInfo.Kind.FILE_FOLDER;
import static io.cloudsync.core.ConflictInfo.Kind.LOCAL_DELETED_REMOTE_MODIFIED;
import static io.cloudsync.core.ConflictInfo.Kind.LOCAL_MODIFIED_REMOTE_DELETED;
import static io.cloudsync.core.ConflictInfo.Kind.LOST_RACE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.conflict.Resolution.KeepBoth;
import io.cloudsync.conflict.Resolution.LeaveBoth;
import io.cloudsync.conflict.Resolution.Merged;
import io.cloudsync.conflict.Resolution.Side;
import io.cloudsync.conflict.Resolution.TakeLocal;
import io.cloudsync.conflict.Resolution.TakeRemote;
import io.cloudsync.core.Clock;
import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictResolverTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final Instant EARLIER = Instant.parse("2026-11-22T07:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-22T07:30:00Z");
  private static final ContentHash H1 = ContentHash.ofHex("1".repeat(64));
  private static final ContentHash H2 = ContentHash.ofHex("2".repeat(64));

  private final ConflictResolver resolver = new ConflictResolver("laptop", Clock.fixed(NOW));

  private static ConflictInfo info(String key, ConflictInfo.Kind kind) {
    return new ConflictInfo(
        ObjectKey.of(key),
        kind,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        NOW,
        Optional.empty());
  }

  private static ConflictSide side(ContentHash hash, Instant modified) {
    return ConflictSide.present(hash, 10, modified);
  }

  private Resolution resolve(
      ConflictStrategy strategy, ConflictInfo.Kind kind, ConflictSide local, ConflictSide remote) {
    return resolver.resolve(strategy, info("docs/a.txt", kind), local, remote, MergeInputs.none());
  }

  private Resolution mergeText(String key, String base, String local, String remote) {
    return resolver.resolve(
        ConflictStrategy.MERGE,
        info(key, BOTH_MODIFIED),
        side(H1, EARLIER),
        side(H2, LATER),
        MergeInputs.of(base.getBytes(UTF_8), local.getBytes(UTF_8), remote.getBytes(UTF_8)));
  }

  private static final KeepBoth KEEP_BOTH_REMOTE_WINS =
      new KeepBoth(Side.REMOTE, ObjectKey.of("docs/a.conflict-laptop-20261122-080000.txt"));

  @Test
  void localStrategyTakesTheLocalSideForEveryKindButAFileFolderCollision() {
    for (ConflictInfo.Kind kind : ConflictInfo.Kind.values()) {
      if (kind == FILE_FOLDER) {
        continue; // below: the file moves aside whatever the strategy
      }
      assertThat(resolve(ConflictStrategy.LOCAL, kind, side(H1, EARLIER), side(H2, LATER)))
          .isEqualTo(new TakeLocal());
    }
    assertThat(
            resolve(
                ConflictStrategy.LOCAL,
                LOCAL_DELETED_REMOTE_MODIFIED,
                ConflictSide.absent(),
                side(H2, LATER)))
        .as("the local deletion goes to the remote")
        .isEqualTo(new TakeLocal());
  }

  @Test
  void remoteStrategyTakesTheRemoteSideForEveryKindButAFileFolderCollision() {
    for (ConflictInfo.Kind kind : ConflictInfo.Kind.values()) {
      if (kind == FILE_FOLDER) {
        continue;
      }
      assertThat(resolve(ConflictStrategy.REMOTE, kind, side(H1, LATER), side(H2, EARLIER)))
          .isEqualTo(new TakeRemote());
    }
  }

  @Test
  void manualStrategyLeavesBothSidesForEveryKind() {
    for (ConflictInfo.Kind kind : ConflictInfo.Kind.values()) {
      assertThat(resolve(ConflictStrategy.MANUAL, kind, side(H1, LATER), side(H2, EARLIER)))
          .isEqualTo(new LeaveBoth());
    }
  }

  @Test
  void newerStrategyTakesTheLaterModification() {
    assertThat(resolve(ConflictStrategy.NEWER, BOTH_MODIFIED, side(H1, LATER), side(H2, EARLIER)))
        .isEqualTo(new TakeLocal());
    assertThat(resolve(ConflictStrategy.NEWER, BOTH_MODIFIED, side(H1, EARLIER), side(H2, LATER)))
        .isEqualTo(new TakeRemote());
  }

  @Test
  void newerStrategyGivesTiesToTheRemote() {
    assertThat(resolve(ConflictStrategy.NEWER, LOST_RACE, side(H1, LATER), side(H2, LATER)))
        .isEqualTo(new TakeRemote());
  }

  @Test
  void newerStrategyLetsAModificationOutliveADeletion() {
    assertThat(
            resolve(
                ConflictStrategy.NEWER,
                LOCAL_MODIFIED_REMOTE_DELETED,
                side(H1, EARLIER),
                ConflictSide.absent()))
        .isEqualTo(new TakeLocal());
    assertThat(
            resolve(
                ConflictStrategy.NEWER,
                LOCAL_DELETED_REMOTE_MODIFIED,
                ConflictSide.absent(),
                side(H2, EARLIER)))
        .isEqualTo(new TakeRemote());
  }

  @Test
  void keepBothKeepsTheRemoteUnderTheKeyAndTheLocalAsAConflictCopy() {
    assertThat(
            resolve(ConflictStrategy.KEEP_BOTH, BOTH_MODIFIED, side(H1, LATER), side(H2, EARLIER)))
        .isEqualTo(KEEP_BOTH_REMOTE_WINS);
    assertThat(resolve(ConflictStrategy.KEEP_BOTH, LOST_RACE, side(H1, LATER), side(H2, EARLIER)))
        .isEqualTo(KEEP_BOTH_REMOTE_WINS);
    assertThat(KEEP_BOTH_REMOTE_WINS.loser()).isEqualTo(Side.LOCAL);
  }

  @Test
  void keepBothKeepsTheChangedSideOfAModifyDeleteConflict() {
    assertThat(
            resolve(
                ConflictStrategy.KEEP_BOTH,
                LOCAL_MODIFIED_REMOTE_DELETED,
                side(H1, EARLIER),
                ConflictSide.absent()))
        .isEqualTo(new TakeLocal());
    assertThat(
            resolve(
                ConflictStrategy.KEEP_BOTH,
                LOCAL_DELETED_REMOTE_MODIFIED,
                ConflictSide.absent(),
                side(H2, EARLIER)))
        .isEqualTo(new TakeRemote());
  }

  @Test
  void keepBothMovesAFileThatCollidesWithAFolderToAConflictCopy() {
    ObjectKey copy = ObjectKey.of("docs/a.conflict-laptop-20261122-080000.txt");
    assertThat(
            resolve(
                ConflictStrategy.KEEP_BOTH, FILE_FOLDER, side(H1, EARLIER), ConflictSide.absent()))
        .isEqualTo(new KeepBoth(Side.REMOTE, copy));
    assertThat(
            resolve(
                ConflictStrategy.KEEP_BOTH, FILE_FOLDER, ConflictSide.absent(), side(H2, EARLIER)))
        .isEqualTo(new KeepBoth(Side.LOCAL, copy));
  }

  @Test
  void everyStrategyButManualMovesTheFileOfAFileFolderCollisionAsideAndManualLeavesBoth() {
    ObjectKey copy = ObjectKey.of("docs/a.conflict-laptop-20261122-080000.txt");
    for (ConflictStrategy strategy :
        List.of(ConflictStrategy.LOCAL, ConflictStrategy.REMOTE, ConflictStrategy.NEWER)) {
      assertThat(resolve(strategy, FILE_FOLDER, side(H1, LATER), ConflictSide.absent()))
          .as(strategy.cliName() + ", file in the workspace")
          .isEqualTo(new KeepBoth(Side.REMOTE, copy));
      assertThat(resolve(strategy, FILE_FOLDER, ConflictSide.absent(), side(H2, LATER)))
          .as(strategy.cliName() + ", file on the remote")
          .isEqualTo(new KeepBoth(Side.LOCAL, copy));
    }
    assertThat(
            resolve(ConflictStrategy.MANUAL, FILE_FOLDER, side(H1, LATER), ConflictSide.absent()))
        .isEqualTo(new LeaveBoth());
  }

  @Test
  void mergeStrategyKeepsTheChangedSideOfAModifyDeleteConflict() {
    AtomicInteger reads = new AtomicInteger();
    MergeInputs counting =
        new MergeInputs(
            Optional.of("base".getBytes(UTF_8)),
            () -> {
              reads.incrementAndGet();
              return Optional.of("x".getBytes(UTF_8));
            },
            () -> {
              reads.incrementAndGet();
              return Optional.empty();
            });
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("a.txt", LOCAL_MODIFIED_REMOTE_DELETED),
            side(H1, EARLIER),
            ConflictSide.absent(),
            counting);
    assertThat(resolution).isEqualTo(new TakeLocal());
    assertThat(reads).as("no content is read when no merge is attempted").hasValue(0);
  }

  @Test
  void mergeStrategyMergesNonOverlappingTextChanges() {
    Resolution resolution =
        mergeText("docs/a.txt", "1\n2\n3\n4\n5\n", "one\n2\n3\n4\n5\n", "1\n2\n3\n4\nfive\n");
    assertThat(resolution).isEqualTo(new Merged("one\n2\n3\n4\nfive\n".getBytes(UTF_8)));
  }

  @Test
  void mergeStrategyFallsBackToKeepBothOnOverlap() {
    assertThat(mergeText("docs/a.txt", "1\n2\n3\n", "1\nlocal\n3\n", "1\nremote\n3\n"))
        .isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergeStrategyTakesIdenticalChangesOnce() {
    assertThat(mergeText("docs/a.txt", "1\n2\n3\n", "1\nsame\n3\n", "1\nsame\n3\n"))
        .isEqualTo(new Merged("1\nsame\n3\n".getBytes(UTF_8)));
  }

  @Test
  void mergeStrategyMergesJsonByKey() {
    Resolution resolution =
        mergeText("docs/a.json", "{\"a\":1,\"b\":1}", "{\"a\":2,\"b\":1}", "{\"a\":1,\"b\":2}");
    assertThat(new String(((Merged) resolution).content(), UTF_8).replaceAll("\\s", ""))
        .isEqualTo("{\"a\":2,\"b\":2}");
  }

  @Test
  void mergeStrategyMergesYamlByKeyWhateverTheExtensionsCase() {
    Resolution resolution =
        mergeText("conf/app.YML", "a: 1\nb: 1\n", "a: 2\nb: 1\n", "a: 1\nb: 2\n");
    assertThat(resolution).isEqualTo(new Merged("a: 2\nb: 2\n".getBytes(UTF_8)));
  }

  @Test
  void mergeStrategyFallsBackToKeepBothOnConflictingJsonKeys() {
    Resolution resolution = mergeText("docs/a.json", "{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    assertThat(resolution)
        .isEqualTo(
            new KeepBoth(Side.REMOTE, ObjectKey.of("docs/a.conflict-laptop-20261122-080000.json")));
  }

  @Test
  void mergeStrategyRefusesBinaryContent() {
    byte[] base = {1, 2, 0, 3};
    byte[] local = {1, 2, 0, 4};
    byte[] remote = {9, 2, 0, 3};
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("docs/a.txt", BOTH_MODIFIED),
            side(H1, EARLIER),
            side(H2, LATER),
            MergeInputs.of(base, local, remote));
    assertThat(resolution).isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergeStrategyRefusesInvalidUtf8() {
    byte[] latin1 = "caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("docs/a.txt", BOTH_MODIFIED),
            side(H1, EARLIER),
            side(H2, LATER),
            MergeInputs.of("x\n".getBytes(UTF_8), latin1, "y\n".getBytes(UTF_8)));
    assertThat(resolution).isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergeStrategyWithoutABaseKeepsBoth() {
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("docs/a.txt", BOTH_MODIFIED),
            side(H1, EARLIER),
            side(H2, LATER),
            new MergeInputs(
                Optional.empty(),
                () -> Optional.of("a\n".getBytes(UTF_8)),
                () -> Optional.of("b\n".getBytes(UTF_8))));
    assertThat(resolution).isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergeStrategyWhenASideCannotBeReadKeepsBoth() {
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("docs/a.txt", BOTH_MODIFIED),
            side(H1, EARLIER),
            side(H2, LATER),
            new MergeInputs(
                Optional.of("a\n".getBytes(UTF_8)),
                () -> Optional.of("a\nb\n".getBytes(UTF_8)),
                Optional::empty));
    assertThat(resolution).isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergeStrategyKeepsBothForContentOverOneMebibyte() {
    byte[] big = new byte[ConflictResolver.MAX_MERGE_BYTES + 1];
    Arrays.fill(big, (byte) 'a');
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("docs/a.txt", BOTH_MODIFIED),
            side(H1, EARLIER),
            side(H2, LATER),
            MergeInputs.of("a".getBytes(UTF_8), big, "b".getBytes(UTF_8)));
    assertThat(resolution).isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergeStrategyDoesNotReadSidesDeclaredOverOneMebibyte() {
    AtomicInteger reads = new AtomicInteger();
    Resolution resolution =
        resolver.resolve(
            ConflictStrategy.MERGE,
            info("docs/a.txt", BOTH_MODIFIED),
            ConflictSide.present(H1, ConflictResolver.MAX_MERGE_BYTES + 1L, EARLIER),
            side(H2, LATER),
            new MergeInputs(
                Optional.of("a".getBytes(UTF_8)),
                () -> {
                  reads.incrementAndGet();
                  return Optional.empty();
                },
                () -> {
                  reads.incrementAndGet();
                  return Optional.empty();
                }));
    assertThat(resolution).isEqualTo(KEEP_BOTH_REMOTE_WINS);
    assertThat(reads).hasValue(0);
  }

  @Test
  void mergeStrategyAtExactlyOneMebibyteStillMerges() {
    String filler = "x".repeat(ConflictResolver.MAX_MERGE_BYTES - 8) + "\n";
    String base = "a\n" + filler + "b\n";
    String local = "A\n" + filler + "b\n";
    String remote = "a\n" + filler + "B\n";
    assertThat(local.getBytes(UTF_8)).hasSize(ConflictResolver.MAX_MERGE_BYTES - 3);
    Resolution resolution = mergeText("docs/a.txt", base, local, remote);
    assertThat(resolution).isInstanceOf(Merged.class);
    assertThat(new String(((Merged) resolution).content(), UTF_8))
        .isEqualTo("A\n" + filler + "B\n");
  }

  @Test
  void mergeStrategyMovesAFileThatCollidesWithAFolder() {
    assertThat(
            resolver.resolve(
                ConflictStrategy.MERGE,
                info("docs/a.txt", FILE_FOLDER),
                side(H1, EARLIER),
                ConflictSide.absent(),
                MergeInputs.none()))
        .isEqualTo(KEEP_BOTH_REMOTE_WINS);
  }

  @Test
  void mergedContentIsComparedByValueAndCopied() {
    byte[] bytes = "abc".getBytes(UTF_8);
    Merged merged = new Merged(bytes);
    bytes[0] = 'z';
    assertThat(merged).isEqualTo(new Merged("abc".getBytes(UTF_8)));
    assertThat(merged.toString()).isEqualTo("Merged[3 bytes]");
  }
}

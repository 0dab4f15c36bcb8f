package io.cloudsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ContentHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void anAbsentSideHasNoHashSizeOrTime() {
    ConflictSide absent = ConflictSide.absent();
    assertThat(absent.exists()).isFalse();
    assertThat(absent.hash()).isEmpty();
    assertThat(absent.size()).isZero();
    assertThat(absent.modified()).isEmpty();
    assertThatThrownBy(
            () -> new ConflictSide(false, Optional.of(ContentHash.EMPTY), 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an absent side has no hash and no size");
  }

  @Test
  void aSideHasANonNegativeSize() {
    assertThatThrownBy(() -> ConflictSide.present(ContentHash.EMPTY, -1, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size is negative: -1");
  }

  @Test
  void aCleanMergeHasTextAndNoConflicts() {
    assertThat(MergeResult.clean("x"))
        .isEqualTo(new MergeResult(true, Optional.of("x"), List.of()));
    assertThatThrownBy(() -> new MergeResult(true, Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MergeResult(true, Optional.of("x"), List.of("c")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aConflictedMergeHasConflictsAndNoText() {
    assertThat(MergeResult.conflicted("c").conflicts()).containsExactly("c");
    assertThatThrownBy(() -> new MergeResult(false, Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MergeResult(false, Optional.of("x"), List.of("c")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepBothNamesItsLoser() {
    Resolution.KeepBoth keep =
        new Resolution.KeepBoth(Resolution.Side.LOCAL, io.cloudsync.core.ObjectKey.of("a"));
    assertThat(keep.loser()).isEqualTo(Resolution.Side.REMOTE);
  }
}

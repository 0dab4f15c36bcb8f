package io.cloudsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConflictStrategyTest {

  @Test
  void parsesEveryCliName() {
    for (ConflictStrategy strategy : ConflictStrategy.values()) {
      assertThat(ConflictStrategy.parse(strategy.cliName())).isEqualTo(strategy);
    }
    assertThat(ConflictStrategy.KEEP_BOTH.cliName()).isEqualTo("keep-both");
  }

  @Test
  void parsingIgnoresCaseBlanksAndUnderscores() {
    assertThat(ConflictStrategy.parse(" Keep_Both ")).isEqualTo(ConflictStrategy.KEEP_BOTH);
    assertThat(ConflictStrategy.parse("NEWER")).isEqualTo(ConflictStrategy.NEWER);
  }

  @Test
  void unknownNameIsRefusedWithTheValidNames() {
    assertThatThrownBy(() -> ConflictStrategy.parse("theirs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown conflict strategy 'theirs'; valid strategies: "
                + "newer, remote, local, keep-both, manual, merge");
  }
}

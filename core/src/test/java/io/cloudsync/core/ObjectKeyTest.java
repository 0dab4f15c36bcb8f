package io.cloudsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectKeyTest {

  @Test
  void acceptsRelativeSlashSeparatedKeys() {
    ObjectKey key = ObjectKey.of("docs/notes/today.md");
    assertThat(key.value()).isEqualTo("docs/notes/today.md");
    assertThat(key.segments()).containsExactly("docs", "notes", "today.md");
    assertThat(key.name()).isEqualTo("today.md");
    assertThat(key.parent()).contains("docs/notes");
  }

  @Test
  void topLevelKeyHasNoParent() {
    assertThat(ObjectKey.of("a.txt").parent()).isEmpty();
  }

  @Test
  void normalisesToNfc() {
    String decomposed = "cafe\u0301.txt";
    assertThat(ObjectKey.of(decomposed).value()).isEqualTo("caf\u00e9.txt");
  }

  @Test
  void theConstructorRefusesTextThatIsNotNfc() {
    assertThatThrownBy(() -> new ObjectKey("cafe\u0301.txt"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("NFC");
  }

  @Test
  void acceptsSpacesPunctuationAndUnicode() {
    String text = "a b/ü€ (1)&+=#%?.txt";
    assertThat(ObjectKey.of(text).value()).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"|key is empty",
        "/abs|absolute",
        "dir/|ends with '/'",
        "a//b|empty segment",
        "./a|'.' segment",
        "a/./b|'.' segment",
        "../x|'..' segment",
        "a/../../etc/passwd|'..' segment",
        "a\\b|backslash"
      })
  void refusesKeysBreakingARuleWithAMessageNamingIt(String text, String rule) {
    assertThatThrownBy(() -> ObjectKey.of(text))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining(rule)
        .hasMessageStartingWith("invalid key \"");
  }

  @Test
  void refusesNulAndControlCharactersAndEscapesThemInTheMessage() {
    assertThatThrownBy(() -> ObjectKey.of("a\0b"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("NUL")
        .hasMessageContaining("a\\u0000b");
    assertThatThrownBy(() -> ObjectKey.of("evil\nline"))
        .hasMessageContaining("control character")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesKeysLongerThan1024BytesInUtf8() {
    String ok = "é".repeat(512); // 1024 bytes
    assertThat(ObjectKey.of(ok).value()).hasSize(512);
    assertThatThrownBy(() -> ObjectKey.of(ok + "a"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("1025 bytes");
  }

  @Test
  void tryParseAndValidateNeverThrow() {
    assertThat(ObjectKey.tryParse("../x")).isEmpty();
    assertThat(ObjectKey.tryParse(null)).isEmpty();
    assertThat(ObjectKey.tryParse("ok/x")).contains(ObjectKey.of("ok/x"));
    assertThat(ObjectKey.validate("a//b")).hasValueSatisfying(r -> assertThat(r).contains("empty"));
    assertThat(ObjectKey.validate("fine")).isEmpty();
  }

  @Test
  void keysCompareByTextAndAreCaseSensitive() {
    assertThat(ObjectKey.of("A")).isNotEqualTo(ObjectKey.of("a"));
    assertThat(ObjectKey.of("a").compareTo(ObjectKey.of("b"))).isNegative();
  }

  @Test
  void resolveAppendsAChildSegment() {
    assertThat(ObjectKey.of("docs").resolve("a.txt")).isEqualTo(ObjectKey.of("docs/a.txt"));
    assertThatThrownBy(() -> ObjectKey.of("docs").resolve(".."))
        .isInstanceOf(InvalidObjectKeyException.class);
  }

  @Test
  void rejectedKeyCarriesTheRuleAndAPrintableName() {
    RejectedKey rejected = RejectedKey.of("../\u001b[31mx");
    assertThat(rejected.reason()).contains("control character");
    assertThat(rejected.printableName()).doesNotContain("\u001b").contains("\\u001b");
  }

  @Test
  void printableCutsALongNameAndEscapedKeepsItWholeBothEscapingControlCharacters() {
    String name = "a\n" + "b".repeat(300);

    assertThat(InvalidObjectKeyException.printable(name))
        .isEqualTo("a\\u000a" + "b".repeat(193) + "…");
    assertThat(InvalidObjectKeyException.escaped(name)).isEqualTo("a\\u000a" + "b".repeat(300));
  }
}

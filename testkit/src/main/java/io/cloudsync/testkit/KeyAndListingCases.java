package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.InvalidObjectKeyException;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key spelling (Unicode, NFC, punctuation, refused keys) and listings (prefixes, pagination, no
 * folder markers, rejected names): part of {@link StorageBackendContract}; extend that class.
 */
public abstract class KeyAndListingCases extends RoundTripCases {

  @Test
  void roundTripsUnicodeKeys() {
    List<String> names = List.of("日本語/ファイル.txt", "кириллица/файл.md", "emoji-😀/ok.txt");
    for (String name : names) {
      put(key(name), name);
    }

    for (String name : names) {
      assertThat(textOf(key(name))).isEqualTo(name);
    }
    assertThat(listedNames("")).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void normalisesDecomposedKeysToNfc() {
    String decomposed = "cafe\u0301/re\u0301sume\u0301.txt";
    String composed = "caf\u00e9/r\u00e9sum\u00e9.txt";

    put(ObjectKey.of(prefix() + decomposed), "accented");

    assertThat(key(decomposed)).isEqualTo(key(composed));
    assertThat(textOf(ObjectKey.of(prefix() + composed))).isEqualTo("accented");
    assertThat(listedNames("")).containsExactly(composed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a b/ü€ (1)&+=.txt",
        "hash#tag.txt",
        "per%cent%20and%2F.txt",
        "question?mark=1&x.txt",
        "[brackets] {braces} 'quotes' @at!$,;~.txt"
      })
  void roundTripsKeysWithSpacesAndOddPunctuation(String name) {
    put(key(name), "odd: " + name);

    assertThat(textOf(key(name))).isEqualTo("odd: " + name);
    assertThat(backend().stat(key(name))).isPresent();
    assertThat(listedNames("")).containsExactly(name);
  }

  static Stream<String> keysObjectKeyRefuses() {
    return Stream.of(
        "../x", "a/../../x", "/abs", "a//b", "", "./a", "a/", "nul\0char", "a".repeat(1025));
  }

  @ParameterizedTest
  @MethodSource("keysObjectKeyRefuses")
  void refusesKeysThatCouldEscapeTheRootOrAreMalformed(String text) {
    assertThatThrownBy(() -> ObjectKey.of(text))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageStartingWith("invalid key");
    assertThat(ObjectKey.tryParse(text)).isEmpty();
    assertThat(ObjectKey.validate(text)).isPresent();
  }

  @Test
  void acceptsAKeyOfExactlyTheByteLimitAndRefusesOneByteMore() {
    assertThat(ObjectKey.of("é".repeat(512)).value()).hasSize(512);
    assertThatThrownBy(() -> ObjectKey.of("é".repeat(512) + "x"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("1025 bytes");
  }

  @Test
  void listsOnlyTheKeysUnderAPrefix() {
    for (String name : List.of("docs/a.txt", "docs/sub/b.txt", "docsx/c.txt", "other/d.txt")) {
      put(key(name), name);
    }

    assertThat(listedNames("docs/")).containsExactlyInAnyOrder("docs/a.txt", "docs/sub/b.txt");
    assertThat(listedNames("docs")).hasSize(3);
    assertThat(listedNames("")).hasSize(4);
    assertThat(listedNames("nothing-here/")).isEmpty();
  }

  @Test
  void listsObjectsOnlyNeverFolderMarkers() {
    put(key("deep/er/still/file.txt"), "deep");
    put(key("top.txt"), "top");

    List<ListEntry> entries;
    try (Stream<ListEntry> stream = backend().listEntries(prefix())) {
      entries = stream.toList();
    }

    assertThat(entries).hasSize(2).allMatch(RemoteFile.class::isInstance);
    assertThat(listedNames("")).containsExactlyInAnyOrder("deep/er/still/file.txt", "top.txt");
    assertThat(backend().stat(key("deep"))).isEmpty();
    assertThat(backend().stat(key("deep/er"))).isEmpty();
  }

  @Test
  void listingEntriesAgreeWithStat() {
    put(key("agree.txt"), "twelve bytes");

    RemoteFile listed;
    try (Stream<RemoteFile> stream = backend().list(prefix())) {
      listed = stream.findFirst().orElseThrow();
    }
    RemoteFile stat = backend().stat(key("agree.txt")).orElseThrow();

    assertThat(listed.key()).isEqualTo(stat.key());
    assertThat(listed.size()).isEqualTo(12);
    assertThat(listed.version()).isEqualTo(stat.version());
    assertThat(listed.hash().or(stat::hash)).isEqualTo(stat.hash());
  }

  @Test
  void listsManyKeysAcrossPagesLazilyAndCompletely() throws Exception {
    int count = manyKeysCount();
    Set<String> expected =
        IntStream.range(0, count)
            .mapToObj(i -> "many/%02d/key-%05d".formatted(i % 16, i))
            .collect(Collectors.toSet());
    ExecutorService pool = Executors.newFixedThreadPool(writerThreads());
    try {
      List<Future<RemoteFile>> writes = new ArrayList<>();
      for (String name : expected) {
        writes.add(pool.submit(() -> put(key(name), name)));
      }
      for (Future<RemoteFile> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }

    try (Stream<RemoteFile> stream = backend().list(prefix() + "many/")) {
      Iterator<RemoteFile> first = stream.iterator();
      assertThat(first.hasNext()).isTrue();
      assertThat(first.next().key().value()).startsWith(prefix() + "many/");
    }
    Set<String> listed = new HashSet<>();
    try (Stream<RemoteFile> stream = backend().list(prefix() + "many/")) {
      stream.forEach(f -> assertThat(listed.add(relative(f))).as("listed twice").isTrue());
    }
    assertThat(listed).hasSize(count).isEqualTo(expected);
    assertThat(backend().stats(prefix() + "many/").objectCount()).isEqualTo(count);
  }

  @Test
  void reportsStoredNamesThatAreNotValidKeysAsRejected() {
    String[] hostile = {prefix() + "../escape.txt", prefix() + "a//b", prefix() + "dot/./x"};
    for (String raw : hostile) {
      Assumptions.assumeTrue(
          plantRawObject(raw, utf8("planted")), "cannot store an invalid name: " + raw);
    }
    put(key("fine.txt"), "fine");

    List<ListEntry> entries;
    try (Stream<ListEntry> stream = backend().listEntries(prefix())) {
      entries = stream.toList();
    }

    assertThat(entries)
        .filteredOn(RejectedKey.class::isInstance)
        .map(e -> ((RejectedKey) e).rawName())
        .containsExactlyInAnyOrder(hostile);
    assertThat(entries)
        .filteredOn(RejectedKey.class::isInstance)
        .allMatch(e -> !((RejectedKey) e).reason().isBlank());
    assertThat(listedNames("")).containsExactly("fine.txt");
  }

  /** The names listed under this test's prefix plus {@code under}, relative to the prefix. */
  protected final List<String> listedNames(String under) {
    try (Stream<RemoteFile> stream = backend().list(prefix() + under)) {
      return stream.map(this::relative).toList();
    }
  }

  private String relative(RemoteFile file) {
    return file.key().value().substring(prefix().length());
  }
}

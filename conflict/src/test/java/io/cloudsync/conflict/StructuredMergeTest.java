package io.cloudsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StructuredMergeTest {
  private final StructuredMerge merge = new StructuredMerge();

  private static String cleanText(MergeResult result) {
    assertThat(result.clean()).as("clean, conflicts: %s", result.conflicts()).isTrue();
    return result.merged().orElseThrow();
  }

  @Test
  void jsonKeysChangedOnDifferentSidesOfOneLineMerge() {
    String base = "{\"name\":\"app\",\"port\":80,\"debug\":false}";
    String local = "{\"name\":\"app\",\"port\":8080,\"debug\":false}";
    String remote = "{\"name\":\"app\",\"port\":80,\"debug\":true}";
    assertThat(cleanText(merge.mergeJson(base, local, remote)))
        .isEqualTo(
            """
            {
              "name": "app",
              "port": 8080,
              "debug": true
            }""");
  }

  @Test
  void jsonMergeRecursesIntoNestedObjects() {
    String base = "{\"db\":{\"host\":\"a\",\"port\":1},\"x\":1}\n";
    String local = "{\"db\":{\"host\":\"b\",\"port\":1},\"x\":1}\n";
    String remote = "{\"db\":{\"host\":\"a\",\"port\":2},\"x\":1}\n";
    assertThat(cleanText(merge.mergeJson(base, local, remote)))
        .isEqualTo(
            """
            {
              "db": {
                "host": "b",
                "port": 2
              },
              "x": 1
            }
            """);
  }

  @Test
  void jsonAddsAndDeletesFromBothSidesAreApplied() {
    String base = "{\"keep\":1,\"dropLocal\":2,\"dropRemote\":3}";
    String local = "{\"keep\":1,\"dropRemote\":3,\"newLocal\":4}";
    String remote = "{\"newRemote\":5,\"keep\":1,\"dropLocal\":2}";
    assertThat(cleanText(merge.mergeJson(base, local, remote)))
        .isEqualTo(
            """
            {
              "keep": 1,
              "newLocal": 4,
              "newRemote": 5
            }""");
  }

  @Test
  void jsonKeysKeepTheBaseOrderThenNewKeys() {
    String base = "{\"b\":1,\"a\":2}";
    String local = "{\"a\":2,\"b\":10,\"z\":0}";
    String remote = "{\"b\":1,\"a\":20,\"c\":0}";
    assertThat(cleanText(merge.mergeJson(base, local, remote)).replaceAll("\\s", ""))
        .isEqualTo("{\"b\":10,\"a\":20,\"z\":0,\"c\":0}");
  }

  @Test
  void jsonKeyChangedDifferentlyOnBothSidesConflictsWithItsPath() {
    String base = "{\"db\":{\"port\":1}}";
    String local = "{\"db\":{\"port\":2}}";
    String remote = "{\"db\":{\"port\":3}}";
    MergeResult result = merge.mergeJson(base, local, remote);
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts()).containsExactly("$.db.port: changed differently on both sides");
  }

  @Test
  void jsonDeleteAgainstChangeConflicts() {
    MergeResult result = merge.mergeJson("{\"a\":1,\"b\":1}", "{\"b\":1}", "{\"a\":2,\"b\":1}");
    assertThat(result.conflicts()).containsExactly("$.a: deleted locally, changed remotely");
    result = merge.mergeJson("{\"a\":1,\"b\":1}", "{\"a\":2,\"b\":1}", "{\"b\":1}");
    assertThat(result.conflicts()).containsExactly("$.a: changed locally, deleted remotely");
  }

  @Test
  void jsonSameKeyAddedWithDifferentValuesConflicts() {
    MergeResult result = merge.mergeJson("{}", "{\"odd key\":1}", "{\"odd key\":2}");
    assertThat(result.conflicts())
        .containsExactly("$[\"odd key\"]: added with different values on both sides");
  }

  @Test
  void jsonArraysAreComparedAsWholeValues() {
    String base = "{\"tags\":[\"a\",\"b\"]}";
    MergeResult changedOnce = merge.mergeJson(base, "{\"tags\":[\"a\",\"b\",\"c\"]}", base);
    assertThat(cleanText(changedOnce).replaceAll("\\s", ""))
        .isEqualTo("{\"tags\":[\"a\",\"b\",\"c\"]}");
    MergeResult changedTwice =
        merge.mergeJson(base, "{\"tags\":[\"a\",\"b\",\"c\"]}", "{\"tags\":[\"z\",\"a\",\"b\"]}");
    assertThat(changedTwice.conflicts())
        .containsExactly("$.tags: changed differently on both sides");
  }

  @Test
  void jsonIdenticalChangesOnBothSidesAreTakenOnce() {
    String changed = "{\"a\":2}";
    assertThat(cleanText(merge.mergeJson("{\"a\":1}", changed, changed))).isEqualTo(changed);
  }

  @Test
  void jsonCleanLineMergeKeepsTheAuthorsFormatting() {
    String base = "{\n    \"a\" : 1,\n    \"b\" : 2,\n    \"c\" : 3,\n    \"d\" : 4\n}\n";
    String local = "{\n    \"a\" : 10,\n    \"b\" : 2,\n    \"c\" : 3,\n    \"d\" : 4\n}\n";
    String remote = "{\n    \"a\" : 1,\n    \"b\" : 2,\n    \"c\" : 30,\n    \"d\" : 4\n}\n";
    assertThat(cleanText(merge.mergeJson(base, local, remote)))
        .isEqualTo("{\n    \"a\" : 10,\n    \"b\" : 2,\n    \"c\" : 30,\n    \"d\" : 4\n}\n");
  }

  @Test
  void jsonNumbersKeepTheirWrittenPrecision() {
    String merged =
        cleanText(
            merge.mergeJson("{\"a\":1.0,\"b\":0}", "{\"a\":1.0,\"b\":1}", "{\"a\":1.50,\"b\":0}"));
    assertThat(merged.replaceAll("\\s", "")).isEqualTo("{\"a\":1.50,\"b\":1}");
  }

  @Test
  void invalidJsonIsNotMerged() {
    MergeResult result = merge.mergeJson("{\"a\":1}", "{\"a\":", "{\"a\":2}");
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts()).singleElement().asString().startsWith("local is not valid JSON");
  }

  @Test
  void jsonWithDuplicateKeysIsNotMerged() {
    MergeResult result = merge.mergeJson("{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":3}");
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts()).singleElement().asString().contains("Duplicate field 'a'");
  }

  @Test
  void yamlKeysMergeByKey() {
    String base = "name: app\nport: 80\ndebug: false\n";
    String local = "name: app\nport: 8080\ndebug: false\n";
    String remote = "name: app\nport: 80\ndebug: true\n";
    assertThat(cleanText(merge.mergeYaml(base, local, remote)))
        .isEqualTo("name: app\nport: 8080\ndebug: true\n");
  }

  @Test
  void yamlNestedMappingsAndListsAreWrittenStablyQuotingBooleanLookalikes() {
    String base = "server:\n  host: a\n  port: 1\nlist:\n  - x\n";
    String local = "server:\n  host: b\n  port: 1\nlist:\n  - x\n";
    String remote = "server:\n  port: 2\n  host: a\nlist:\n  - x\n  - y\nextra: 'yes'\n";
    assertThat(cleanText(merge.mergeYaml(base, local, remote)))
        .isEqualTo(
            """
            server:
              host: b
              port: 2
            list:
              - x
              - "y"
            extra: "yes"
            """);
  }

  @Test
  void yamlCleanLineMergeKeepsComments() {
    String base = "# settings\na: 1\nb: 2\nc: 3\nd: 4\n";
    String local = "# settings\na: 10\nb: 2\nc: 3\nd: 4\n";
    String remote = "# settings\na: 1\nb: 2\nc: 3\nd: 40\n";
    assertThat(cleanText(merge.mergeYaml(base, local, remote)))
        .isEqualTo("# settings\na: 10\nb: 2\nc: 3\nd: 40\n");
  }

  @Test
  void yamlConflictingChangeIsReported() {
    MergeResult result = merge.mergeYaml("a:\n  b: 1\n", "a:\n  b: 2\n", "a:\n  b: 3\n");
    assertThat(result.conflicts()).containsExactly("$.a.b: changed differently on both sides");
  }

  @Test
  void multiDocumentYamlIsNotMerged() {
    MergeResult result = merge.mergeYaml("a: 1\n", "a: 2\n---\nb: 1\n", "a: 1\nc: 1\n");
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts())
        .containsExactly("local holds 2 YAML documents; only single-document files merge by key");
  }

  @Test
  void invalidYamlIsNotMerged() {
    MergeResult result = merge.mergeYaml("a: 1\n", "a: [1\n", "a: 2\n");
    assertThat(result.clean()).isFalse();
    assertThat(result.conflicts()).singleElement().asString().startsWith("local is not valid YAML");
  }
}

package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A three-way merge of JSON or YAML documents by key.
 *
 * <p>Objects merge recursively: a key changed on one side only takes that change, a key added on
 * one side is added, a key deleted on one side and unchanged on the other is deleted, and a key
 * changed differently on both sides is a conflict. Arrays and scalars are compared as whole values.
 * Keys come out in the base's order, then the keys new on the local side, then those new on the
 * remote side.
 *
 * <p>When the line merge of the same texts is clean and means exactly the merged document, its text
 * is returned, so formatting and YAML comments survive; otherwise the merged document is written in
 * a stable format (two-space indentation). Unparseable input, duplicate keys, and YAML files
 * holding several documents are not merged.
 */
public final class StructuredMerge {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * The mappers, built on first use: a sync that merges nothing (most do) never pays for them, and
   * building them was a tenth of a second of every command's start.
   */
  private static final class Mappers {
    private Mappers() {}

    static final ObjectMapper JSON =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static final ObjectMapper YAML =
        YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    static final DefaultPrettyPrinter JSON_PRINTER =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
  }

  private final ThreeWayMerge lines = new ThreeWayMerge();

  /** Merges three JSON texts by key. */
  public MergeResult mergeJson(String base, String local, String remote) {
    return merge(Format.JSON, base, local, remote);
  }

  /** Merges three single-document YAML texts by key. */
  public MergeResult mergeYaml(String base, String local, String remote) {
    return merge(Format.YAML, base, local, remote);
  }

  private enum Format {
    JSON,
    YAML
  }

  private MergeResult merge(Format format, String base, String local, String remote) {
    requireNonNull(base, "base is null");
    requireNonNull(local, "local is null");
    requireNonNull(remote, "remote is null");
    JsonNode baseTree;
    JsonNode localTree;
    JsonNode remoteTree;
    try {
      baseTree = parse(format, "base", base);
      localTree = parse(format, "local", local);
      remoteTree = parse(format, "remote", remote);
    } catch (Unmergeable e) {
      return MergeResult.conflicted(e.getMessage());
    }
    List<String> conflicts = new ArrayList<>();
    JsonNode merged = merge("$", baseTree, localTree, remoteTree, conflicts);
    if (!conflicts.isEmpty()) {
      return MergeResult.conflicted(conflicts);
    }
    MergeResult byLines = lines.merge(base, local, remote);
    if (byLines.clean()) {
      String text = byLines.merged().orElseThrow();
      if (means(format, text, merged)) {
        return byLines;
      }
    }
    return MergeResult.clean(write(format, merged, TextLines.of(local).finalNewline()));
  }

  private static JsonNode merge(
      String path, JsonNode base, JsonNode local, JsonNode remote, List<String> conflicts) {
    if (local.equals(remote)) {
      return local;
    }
    if (local.equals(base)) {
      return remote;
    }
    if (remote.equals(base)) {
      return local;
    }
    if (local.isObject() && remote.isObject() && (base.isObject() || base.isMissingNode())) {
      Set<String> names = new LinkedHashSet<>();
      base.fieldNames().forEachRemaining(names::add);
      local.fieldNames().forEachRemaining(names::add);
      remote.fieldNames().forEachRemaining(names::add);
      ObjectNode out = Mappers.JSON.getNodeFactory().objectNode();
      for (String name : names) {
        JsonNode value =
            merge(
                child(path, name), base.path(name), local.path(name), remote.path(name), conflicts);
        if (!value.isMissingNode()) {
          out.set(name, value);
        }
      }
      return out;
    }
    conflicts.add(path + ": " + disagreement(base, local, remote));
    return local;
  }

  private static String disagreement(JsonNode base, JsonNode local, JsonNode remote) {
    if (base.isMissingNode()) {
      return "added with different values on both sides";
    }
    if (local.isMissingNode()) {
      return "deleted locally, changed remotely";
    }
    if (remote.isMissingNode()) {
      return "changed locally, deleted remotely";
    }
    return "changed differently on both sides";
  }

  private static String child(String path, String name) {
    return PLAIN_KEY.matcher(name).matches()
        ? path + "." + name
        : path + "[\"" + name.replace("\"", "\\\"") + "\"]";
  }

  private static JsonNode parse(Format format, String side, String text) throws Unmergeable {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      if (format == Format.JSON) {
        return Mappers.JSON.readTree(text);
      }
      List<JsonNode> documents =
          Mappers.YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
      if (documents.size() > 1) {
        throw new Unmergeable(
            side
                + " holds "
                + documents.size()
                + " YAML documents; only single-document files merge by key");
      }
      return documents.isEmpty() ? MissingNode.getInstance() : documents.get(0);
    } catch (JacksonException e) {
      throw new Unmergeable(side + " is not valid " + format + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new Unmergeable(side + " could not be parsed as " + format + ": " + e.getMessage());
    }
  }

  private static boolean means(Format format, String text, JsonNode expected) {
    try {
      return parse(format, "merged", text).equals(expected);
    } catch (Unmergeable e) {
      return false;
    }
  }

  private static String write(Format format, JsonNode tree, boolean finalNewline) {
    if (tree.isMissingNode()) {
      return "";
    }
    try {
      if (format == Format.JSON) {
        String text = Mappers.JSON.writer(Mappers.JSON_PRINTER).writeValueAsString(tree);
        return finalNewline ? text + "\n" : text;
      }
      // YAML output always ends with a newline; that is how YAML files are written.
      return Mappers.YAML.writeValueAsString(tree);
    } catch (JacksonException e) {
      throw new IllegalStateException("a parsed document could not be written back", e);
    }
  }

  /** Why a text cannot take part in a structured merge. */
  private static final class Unmergeable extends Exception {
    private static final long serialVersionUID = 1L;

    Unmergeable(String message) {
      super(message, null, false, false);
    }
  }
}

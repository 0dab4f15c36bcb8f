package io.cloudsync.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code cloudsync.yaml}. It walks the YAML token by token rather than binding it to objects,
 * so that every error can name the line and the key: an unknown key, a duplicate, a value of the
 * wrong kind, or malformed YAML.
 */
final class ConfigFile {
  /** The file's name in a working directory. */
  static final String NAME = "cloudsync.yaml";

  private final Path file;
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
  private final List<Map.Entry<String, String>> rules = new ArrayList<>();
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  private Optional<String> remote = Optional.empty();

  private ConfigFile(Path file) {
    this.file = file;
  }

  /**
   * Reads {@code cloudsync.yaml} in {@code workingDir}, or returns the defaults if there is none.
   */
  static CloudSyncConfig loadFrom(Path workingDir) {
    Path file = workingDir.resolve(NAME);
    if (!Files.exists(file)) {
      return CloudSyncConfig.none();
    }
    return load(file);
  }

  /** Reads {@code file}. */
  static CloudSyncConfig load(Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigFileException(file, 0, "is a folder, not a configuration file");
    }
    ConfigFile reader = new ConfigFile(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = new YAMLFactory().createParser(in)) {
      reader.readTop(parser);
    } catch (JsonProcessingException e) {
      throw malformed(file, e);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ConfigFileException(file, 0, "is not UTF-8 text", e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new CloudSyncConfig(
        Optional.of(file), reader.remote, reader.sections, reader.rules, reader.lines);
  }

  /** Names the line and the problem snakeyaml found, rather than its multi-line report. */
  private static ConfigFileException malformed(Path file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
      return new ConfigFileException(
          file,
          yaml.getProblemMark().getLine() + 1,
          "malformed YAML: " + yaml.getProblem() + context,
          e);
    }
    JsonLocation where = e.getLocation();
    String detail = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
    return new ConfigFileException(
        file, where == null ? 0 : where.getLineNr(), "malformed YAML: " + detail, e);
  }

  private void readTop(JsonParser p) throws IOException {
    JsonToken token = p.nextToken();
    if (token == null) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw fail(p, "the file must be a mapping of keys (remote:, s3:, performance:, …)");
    }
    Set<String> seen = new HashSet<>();
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int line = line(p);
      if (!seen.add(name)) {
        throw new ConfigFileException(file, line, "duplicate key '" + name + "'");
      }
      JsonToken value = p.nextToken();
      lines.put(name, line);
      if (name.equals("remote")) {
        remote = Optional.ofNullable(scalar(p, value, name)).filter(s -> !s.isBlank());
      } else if (ConfigSchema.SECTIONS.containsKey(name)) {
        readSection(p, name, value);
      } else {
        throw new ConfigFileException(
            file,
            line,
            "unknown key '"
                + name
                + "'; known keys: remote, "
                + String.join(", ", ConfigSchema.SECTION_ORDER));
      }
    }
  }

  private void readSection(JsonParser p, String section, JsonToken token) throws IOException {
    Map<String, String> values = sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw fail(p, "'" + section + "' must be a mapping of keys, one per line below it");
    }
    Map<String, ConfigSchema.Key> known = ConfigSchema.SECTIONS.get(section);
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String dotted = section + "." + key;
      int line = line(p);
      ConfigSchema.Key spec = known.get(key);
      if (spec == null) {
        throw new ConfigFileException(
            file,
            line,
            "unknown key '"
                + dotted
                + "'; known keys in "
                + section
                + ": "
                + String.join(", ", known.keySet()));
      }
      if (values.containsKey(key) || lines.containsKey(dotted)) {
        throw new ConfigFileException(file, line, "duplicate key '" + dotted + "'");
      }
      lines.put(dotted, line);
      JsonToken value = p.nextToken();
      if (spec.kind() == ConfigSchema.Kind.RULES) {
        readRules(p, dotted, value);
        continue;
      }
      String text = scalar(p, value, dotted);
      if (text == null) {
        continue;
      }
      Optional<String> problem = ConfigSchema.problemWith(spec.kind(), text);
      if (problem.isPresent()) {
        throw new ConfigFileException(file, line, dotted + ": " + problem.get());
      }
      values.put(key, text.strip());
    }
  }

  private void readRules(JsonParser p, String dotted, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    boolean list = token == JsonToken.START_ARRAY;
    if (!list && token != JsonToken.START_OBJECT) {
      throw fail(p, dotted + ": expected glob: strategy pairs, such as '\"*.md\": merge'");
    }
    if (list) {
      while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
        readRulePairs(p, dotted);
      }
      if (token != JsonToken.END_ARRAY) {
        throw fail(p, dotted + ": each entry must be a glob: strategy pair");
      }
    } else {
      readRulePairs(p, dotted);
    }
  }

  private void readRulePairs(JsonParser p, String dotted) throws IOException {
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String glob = p.currentName();
      int line = line(p);
      String strategy = scalar(p, p.nextToken(), dotted + " '" + glob + "'");
      Optional<String> problem =
          ConfigSchema.problemWith(ConfigSchema.Kind.STRATEGY, strategy == null ? "" : strategy);
      if (problem.isPresent()) {
        throw new ConfigFileException(file, line, dotted + " '" + glob + "': " + problem.get());
      }
      rules.add(new AbstractMap.SimpleImmutableEntry<>(glob, strategy.strip()));
    }
    if (token != JsonToken.END_OBJECT) {
      throw fail(p, dotted + ": expected glob: strategy pairs");
    }
  }

  private String scalar(JsonParser p, JsonToken token, String name) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == null || token.isStructStart()) {
      throw fail(p, name + ": expected a single value, not a list or mapping");
    }
    return p.getText();
  }

  private ConfigFileException fail(JsonParser p, String problem) {
    return new ConfigFileException(file, line(p), problem);
  }

  private static int line(JsonParser p) {
    JsonLocation where = p.currentTokenLocation();
    return where == null ? 0 : where.getLineNr();
  }
}

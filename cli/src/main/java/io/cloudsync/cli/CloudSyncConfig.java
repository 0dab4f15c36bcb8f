package io.cloudsync.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings read from {@code cloudsync.yaml}, already checked against {@link ConfigSchema}: the
 * remote, provider sections ({@code s3}, {@code azure}, {@code gcs}, {@code local}), {@code
 * performance} and {@code conflicts}. Keys are kept as written (snake_case).
 *
 * @param file the file read, empty when there was none
 * @param remote the {@code remote:} URI text, if set
 * @param sections section name → key → value text, in file order
 * @param conflictRules the {@code conflicts.rules} entries, glob → strategy, in file order
 * @param lines {@code section.key} (or {@code remote}) → the line it was read from
 */
public record CloudSyncConfig(
    Optional<Path> file,
    Optional<String> remote,
    Map<String, Map<String, String>> sections,
    List<Map.Entry<String, String>> conflictRules,
    Map<String, Integer> lines) {

  /** Validates the fields and copies the collections. */
  public CloudSyncConfig {
    requireNonNull(file, "file is null");
    requireNonNull(remote, "remote is null");
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    requireNonNull(sections, "sections is null")
        .forEach(
            (k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    sections = java.util.Collections.unmodifiableMap(copy);
    conflictRules = List.copyOf(requireNonNull(conflictRules, "conflictRules is null"));
    lines = Map.copyOf(requireNonNull(lines, "lines is null"));
  }

  /** No configuration file: every default applies. */
  public static CloudSyncConfig none() {
    return new CloudSyncConfig(Optional.empty(), Optional.empty(), Map.of(), List.of(), Map.of());
  }

  /** The keys set in {@code section}, as written. */
  public Map<String, String> section(String section) {
    return sections.getOrDefault(section, Map.of());
  }

  /** The value set for {@code section.key}, if any. */
  public Optional<String> value(String section, String key) {
    return Optional.ofNullable(section(section).get(key));
  }

  /** The value set for {@code section.key}, else the schema's default for it. */
  public Optional<String> effective(String section, String key) {
    return value(section, key)
        .or(
            () ->
                Optional.ofNullable(ConfigSchema.SECTIONS.get(section))
                    .map(keys -> keys.get(key))
                    .flatMap(ConfigSchema.Key::defaultValue));
  }

  /** The line {@code dottedKey} was read from, or 0. */
  public int lineOf(String dottedKey) {
    return lines.getOrDefault(dottedKey, 0);
  }
}

package io.cloudsync.cli;

import io.cloudsync.storage.ByteSizes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys {@code cloudsync.yaml} may hold, section by section, with the kind of value each takes
 * and its default. A key not listed here is an error, so a typo never passes silently. A module
 * that needs a new setting adds it here.
 */
final class ConfigSchema {
  private ConfigSchema() {}

  /** What a value must look like. */
  enum Kind {
    TEXT,
    BOOLEAN,
    SIZE,
    COUNT,
    DURATION,
    BWLIMIT,
    STRATEGY,
    RULES
  }

  /** A key's kind and its default (empty when the key has none). */
  record Key(Kind kind, Optional<String> defaultValue) {}

  /** Sections that hold the options of one provider; their keys reach it in kebab-case. */
  static final Map<String, String> SECTION_BY_SCHEME =
      Map.of("s3", "s3", "az", "azure", "gs", "gcs", "local", "local", "file", "local");

  /** Keys of a provider section that name the location rather than an option. */
  static final Map<String, String> LOCATION_KEYS =
      Map.of("bucket", "bucket", "container", "bucket", "prefix", "prefix", "root", "root");

  static final String[] STRATEGIES = {"newer", "remote", "local", "keep-both", "manual", "merge"};

  static final Map<String, Map<String, Key>> SECTIONS = sections();

  private static Map<String, Map<String, Key>> sections() {
    Map<String, Map<String, Key>> s = new LinkedHashMap<>();
    // Provider sections list the options their adapters read (BackendConfig.option/size/flag).
    s.put(
        "s3",
        keys(
            "bucket",
            Kind.TEXT,
            null,
            "prefix",
            Kind.TEXT,
            null,
            "region",
            Kind.TEXT,
            null,
            "endpoint",
            Kind.TEXT,
            null,
            "endpoint_url",
            Kind.TEXT,
            null,
            "path_style",
            Kind.BOOLEAN,
            null,
            "profile",
            Kind.TEXT,
            null,
            "part_size",
            Kind.SIZE,
            null,
            "multipart_threshold",
            Kind.SIZE,
            null,
            "part_concurrency",
            Kind.COUNT,
            null,
            "conditional_delete",
            Kind.BOOLEAN,
            null));
    s.put(
        "azure",
        keys(
            "container",
            Kind.TEXT,
            null,
            "prefix",
            Kind.TEXT,
            null,
            "account",
            Kind.TEXT,
            null,
            "account_name",
            Kind.TEXT,
            null,
            "endpoint",
            Kind.TEXT,
            null,
            "endpoint_url",
            Kind.TEXT,
            null,
            "blob_endpoint",
            Kind.TEXT,
            null,
            "connection_string_env",
            Kind.TEXT,
            null,
            "account_key_env",
            Kind.TEXT,
            null,
            "sas_token_env",
            Kind.TEXT,
            null,
            "block_size",
            Kind.SIZE,
            null,
            "part_size",
            Kind.SIZE,
            null,
            "multipart_threshold",
            Kind.SIZE,
            null,
            "single_upload_threshold",
            Kind.SIZE,
            null,
            "max_attempts",
            Kind.COUNT,
            null,
            "list_page_size",
            Kind.COUNT,
            null));
    s.put(
        "gcs",
        keys(
            "bucket",
            Kind.TEXT,
            null,
            "prefix",
            Kind.TEXT,
            null,
            "project",
            Kind.TEXT,
            null,
            "project_id",
            Kind.TEXT,
            null,
            "endpoint",
            Kind.TEXT,
            null,
            "endpoint_url",
            Kind.TEXT,
            null,
            "credentials_file",
            Kind.TEXT,
            null,
            "chunk_size",
            Kind.SIZE,
            null,
            "part_size",
            Kind.SIZE,
            null,
            "upload_threshold",
            Kind.SIZE,
            null,
            "multipart_threshold",
            Kind.SIZE,
            null,
            "max_attempts",
            Kind.COUNT,
            null));
    s.put("local", keys("root", Kind.TEXT, null));
    s.put(
        "performance",
        keys(
            "transfers",
            Kind.COUNT,
            "8",
            "checkers",
            Kind.COUNT,
            "8",
            "part_size",
            Kind.SIZE,
            "16M",
            "multipart_threshold",
            Kind.SIZE,
            "16M",
            "retry_attempts",
            Kind.COUNT,
            "5",
            "retry_delay",
            Kind.DURATION,
            "500ms",
            "bwlimit",
            Kind.BWLIMIT,
            "off"));
    s.put("conflicts", keys("strategy", Kind.STRATEGY, "keep-both", "rules", Kind.RULES, null));
    return Map.copyOf(s);
  }

  private static Map<String, Key> keys(Object... triples) {
    Map<String, Key> keys = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) {
      keys.put(
          (String) triples[i],
          new Key((Kind) triples[i + 1], Optional.ofNullable((String) triples[i + 2])));
    }
    return java.util.Collections.unmodifiableMap(keys);
  }

  /** The order sections are printed in. */
  static final String[] SECTION_ORDER = {"s3", "azure", "gcs", "local", "performance", "conflicts"};

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  /**
   * Checks a scalar value against its kind.
   *
   * @return why the value is wrong, or empty when it is right
   */
  static Optional<String> problemWith(Kind kind, String value) {
    String v = value.strip();
    switch (kind) {
      case TEXT:
        return Optional.empty();
      case BOOLEAN:
        return v.matches("(?i)true|false|yes|no|on|off|1|0")
            ? Optional.empty()
            : Optional.of("'" + v + "' is not a boolean; write true or false");
      case SIZE:
        return sizeProblem(v);
      case COUNT:
        return v.matches("\\d{1,9}")
            ? Optional.empty()
            : Optional.of("'" + v + "' is not a whole number");
      case DURATION:
        return parseDuration(v).isPresent()
            ? Optional.empty()
            : Optional.of("'" + v + "' is not a duration; write it like 500ms, 2s or 1m");
      case BWLIMIT:
        if (v.equalsIgnoreCase("off")) {
          return Optional.empty();
        }
        for (String part : v.split(":", -1)) {
          Optional<String> p = sizeProblem(part);
          if (p.isPresent()) {
            return p;
          }
        }
        return v.split(":", -1).length <= 2
            ? Optional.empty()
            : Optional.of("'" + v + "' is not a bandwidth limit; write it like 512K or 1M:4M");
      case STRATEGY:
        for (String s : STRATEGIES) {
          if (s.equals(v.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
          }
        }
        return Optional.of(
            "'" + v + "' is not a conflict strategy; use one of " + String.join(", ", STRATEGIES));
      default:
        return Optional.of("expected a list of glob: strategy pairs");
    }
  }

  private static Optional<String> sizeProblem(String v) {
    try {
      ByteSizes.parse(v);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Parses {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}; a bare number is seconds. */
  static Optional<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    long millis =
        switch (unit) {
          case "ms" -> (long) amount;
          case "m" -> (long) (amount * 60_000);
          case "h" -> (long) (amount * 3_600_000);
          default -> (long) (amount * 1000);
        };
    return Optional.of(Duration.ofMillis(millis));
  }
}

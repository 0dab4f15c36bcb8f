package io.cloudsync.testkit.gcs;

import java.util.Map;
import java.util.Optional;

/**
 * The generation and metageneration preconditions of a request (<a
 * href="https://cloud.google.com/storage/docs/request-preconditions">request preconditions</a>):
 * {@code ifGenerationMatch} ({@code 0}: the object must not exist), {@code ifGenerationNotMatch}
 * ({@code 0}: it must exist), {@code ifMetagenerationMatch}, {@code ifMetagenerationNotMatch}. A
 * failed one is HTTP 412 {@code conditionNotMet}.
 */
record Preconditions(
    Optional<Long> generationMatch,
    Optional<Long> generationNotMatch,
    Optional<Long> metagenerationMatch,
    Optional<Long> metagenerationNotMatch) {

  static final Preconditions NONE =
      new Preconditions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** The destination preconditions of a request ({@code ifGenerationMatch}, …). */
  static Preconditions from(Map<String, String> query) {
    return from(query, "if");
  }

  /** The source preconditions of a rewrite ({@code ifSourceGenerationMatch}, …). */
  static Preconditions source(Map<String, String> query) {
    return from(query, "ifSource");
  }

  private static Preconditions from(Map<String, String> query, String stem) {
    return new Preconditions(
        number(query, stem + "GenerationMatch"),
        number(query, stem + "GenerationNotMatch"),
        number(query, stem + "MetagenerationMatch"),
        number(query, stem + "MetagenerationNotMatch"));
  }

  static Optional<Long> number(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw GcsError.invalid("Invalid argument for " + name + ": '" + value + "'");
    }
  }

  /** Checks against the live object, {@code null} when there is none. */
  void check(StoredObject live) {
    if (generationMatch.isPresent()) {
      long expected = generationMatch.get();
      boolean holds = live == null ? expected == 0 : live.generation() == expected;
      if (!holds) {
        throw GcsError.conditionNotMet("If-Match");
      }
    }
    if (generationNotMatch.isPresent()) {
      long refused = generationNotMatch.get();
      boolean holds = live == null ? refused != 0 : live.generation() != refused;
      if (!holds) {
        throw GcsError.conditionNotMet("If-None-Match");
      }
    }
    if (metagenerationMatch.isPresent()) {
      if (live == null || live.metageneration() != metagenerationMatch.get()) {
        throw GcsError.conditionNotMet("If-Metageneration-Match");
      }
    }
    if (metagenerationNotMatch.isPresent()) {
      if (live != null && live.metageneration() == metagenerationNotMatch.get()) {
        throw GcsError.conditionNotMet("If-Metageneration-Not-Match");
      }
    }
  }
}

package io.cloudsync.core;

import static java.util.Objects.requireNonNull;

/**
 * A remote object whose name is not a valid {@link ObjectKey} (for example {@code ../x}, {@code
 * /abs} or {@code a//b}). It is reported and skipped; it can never be written locally.
 *
 * @param rawName the name exactly as the backend returned it
 * @param reason the broken key rule
 */
public record RejectedKey(String rawName, String reason) implements ListEntry {

  /** Validates the fields. */
  public RejectedKey {
    requireNonNull(rawName, "rawName is null");
    requireNonNull(reason, "reason is null");
  }

  /** The rejection for {@code rawName}, with the reason {@link ObjectKey#validate} gives. */
  public static RejectedKey of(String rawName) {
    return new RejectedKey(rawName, ObjectKey.validate(rawName).orElse("key is not valid"));
  }

  /** The name with control characters escaped, safe to print. */
  public String printableName() {
    return InvalidObjectKeyException.printable(rawName);
  }
}

package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What a backend says of itself, for {@code cloudsync status}.
 *
 * @param name the provider's name, such as {@code local} or {@code s3}
 * @param location where the data lives, printable (no secret), such as {@code s3://bucket/prefix}
 * @param health whether the backend answered
 * @param healthDetail why it is not healthy, empty when it is
 * @param capacity total and usable bytes, when the provider has a notion of capacity
 * @param details further facts worth showing (region, endpoint, …), never a secret
 */
public record BackendDescription(
    String name,
    String location,
    Health health,
    Optional<String> healthDetail,
    Optional<Capacity> capacity,
    Map<String, String> details) {

  /** Whether the backend can be reached and used. */
  public enum Health {
    /** It answered. */
    CONNECTED,
    /** It answered but refused the credentials. */
    UNAUTHORIZED,
    /** The bucket, container or root does not exist. */
    MISSING,
    /** It did not answer. */
    UNREACHABLE
  }

  /**
   * Capacity of a store that has one.
   *
   * @param totalBytes the store's size
   * @param usableBytes what is still free for this user
   */
  public record Capacity(long totalBytes, long usableBytes) {}

  /** Validates the fields and copies the details. */
  public BackendDescription {
    requireNonNull(name, "name is null");
    requireNonNull(location, "location is null");
    requireNonNull(health, "health is null");
    requireNonNull(healthDetail, "healthDetail is null");
    requireNonNull(capacity, "capacity is null");
    details = Map.copyOf(requireNonNull(details, "details is null"));
  }
}

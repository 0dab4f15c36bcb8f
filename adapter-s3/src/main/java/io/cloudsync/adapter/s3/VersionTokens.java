package io.cloudsync.adapter.s3;

import io.cloudsync.core.VersionToken;
import java.util.Optional;

/**
 * Version tokens of S3 objects: the ETag without its quotes and, in a versioned bucket, {@code @}
 * and the version id ({@code 9b2cf535f27731c974343645a3985328@3HL4kqtJlcpXroDTDmJ}). Conditions
 * send the ETag part as {@code If-Match}.
 */
final class VersionTokens {
  private VersionTokens() {}

  static VersionToken of(String eTag, String versionId) {
    String tag = unquote(eTag == null || eTag.isBlank() ? "none" : eTag);
    boolean versioned = versionId != null && !versionId.isBlank() && !versionId.equals("null");
    return VersionToken.of(versioned ? tag + "@" + versionId : tag);
  }

  /** The quoted ETag for an {@code If-Match} header. */
  static String ifMatch(VersionToken token) {
    String value = token.value();
    int at = value.lastIndexOf('@');
    String tag = at > 0 ? value.substring(0, at) : value;
    return "\"" + tag + "\"";
  }

  /** The version id of a token from a versioned bucket. */
  static Optional<String> versionId(VersionToken token) {
    String value = token.value();
    int at = value.lastIndexOf('@');
    return at > 0 ? Optional.of(value.substring(at + 1)) : Optional.empty();
  }

  private static String unquote(String eTag) {
    String tag = eTag.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    return tag;
  }
}

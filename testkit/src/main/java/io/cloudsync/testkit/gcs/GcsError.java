package io.cloudsync.testkit.gcs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failed request, rendered in the error shape of the JSON API (<a
 * href="https://cloud.google.com/storage/docs/json_api/v1/status-codes">status codes</a>): {@code
 * {"error":{"code":412,"message":"…","errors":[{"message":"…","domain":"global","reason":"conditionNotMet"}]}}}.
 */
final class GcsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final String locationType;
  private final String where;

  GcsError(int code, String reason, String message) {
    this(code, reason, message, null, null);
  }

  private GcsError(int code, String reason, String message, String locationType, String where) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.locationType = locationType;
    this.where = where;
  }

  int code() {
    return code;
  }

  static GcsError noSuchBucket() {
    return new GcsError(404, "notFound", "The specified bucket does not exist.");
  }

  static GcsError noSuchObject(String bucket, String name) {
    return new GcsError(404, "notFound", "No such object: " + bucket + "/" + name);
  }

  static GcsError conditionNotMet(String header) {
    return new GcsError(
        412,
        "conditionNotMet",
        "At least one of the pre-conditions you specified did not hold.",
        "header",
        header);
  }

  static GcsError invalid(String message) {
    return new GcsError(400, "invalid", message);
  }

  static GcsError required(String message) {
    return new GcsError(400, "required", message);
  }

  static GcsError notImplemented(String what) {
    return new GcsError(501, "notImplemented", "gcs-emulator does not implement " + what);
  }

  /** The JSON body Google sends with this status. */
  ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode detail = f.objectNode();
    detail.put("message", getMessage());
    detail.put("domain", "global");
    detail.put("reason", reason);
    if (locationType != null) {
      detail.put("locationType", locationType);
      detail.put("location", where);
    }
    ObjectNode error = f.objectNode();
    error.put("code", code);
    error.put("message", getMessage());
    error.putArray("errors").add(detail);
    ObjectNode root = f.objectNode();
    root.set("error", error);
    return root;
  }
}

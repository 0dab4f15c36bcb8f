package io.cloudsync.adapter.gcs;

import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Maps the client's failures onto the port's exceptions. The messages name the location and the
 * HTTP status; the server's own message is kept when it helps (it never carries a credential).
 */
final class GcsErrors {
  private GcsErrors() {}

  /**
   * Maps {@code e}, raised while working on {@code location} of {@code bucket}.
   *
   * @param location the object or root concerned, {@code gs://bucket/key}
   * @param bucket the bucket's name, for a missing-bucket message
   */
  static StorageException map(Throwable e, String location, String bucket) {
    if (e instanceof StorageException mapped) {
      return mapped;
    }
    int code = e instanceof com.google.cloud.storage.StorageException se ? se.getCode() : 0;
    String serverMessage = serverMessage(e);
    if (code == 404) {
      if (isBucketMissing(serverMessage)) {
        return new NotFoundException(location, "bucket '" + bucket + "' does not exist", e);
      }
      return new NotFoundException(location, "not found", e);
    }
    if (code == 412) {
      return new PreconditionFailedException(
          location, "precondition failed: the object changed or exists (HTTP 412)", e);
    }
    if (code == 401 || code == 403) {
      return new AccessDeniedException(
          location,
          "credentials rejected (HTTP "
              + code
              + "): check GOOGLE_APPLICATION_CREDENTIALS, credentials_file and the bucket's"
              + " permissions",
          e);
    }
    if (code == 429 || code == 503) {
      return new ThrottledException(
          location, "throttled by Google Cloud Storage (HTTP " + code + "); try again later", e);
    }
    if (code >= 500 || code == 408) {
      return new TransientStorageException(
          location, "server error (HTTP " + code + ")" + suffix(serverMessage), e);
    }
    if (code == 400) {
      return new InvalidConfigException(
          location, "request refused (HTTP 400)" + suffix(serverMessage), e);
    }
    if (code == 0 && isUnreachable(e)) {
      return new BackendUnreachableException(
          location, "cannot reach the storage endpoint (" + describeCause(e) + ")", e);
    }
    if (code > 0) {
      return new TransientStorageException(
          location, "unexpected answer (HTTP " + code + ")" + suffix(serverMessage), e);
    }
    return new TransientStorageException(location, "request failed: " + describeCause(e), e);
  }

  static boolean isBucketMissing(String serverMessage) {
    String m = serverMessage.toLowerCase(Locale.ROOT);
    return m.contains("bucket") && !m.contains("no such object");
  }

  private static String serverMessage(Throwable e) {
    String message = e.getMessage();
    return message == null ? "" : message;
  }

  private static String suffix(String serverMessage) {
    String firstLine = serverMessage.lines().findFirst().orElse("").strip();
    return firstLine.isEmpty() ? "" : ": " + firstLine;
  }

  private static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException
          || t instanceof java.net.http.HttpConnectTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String describeCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String name = root.getClass().getSimpleName();
    String message = root.getMessage();
    if (root instanceof IOException && !(root instanceof InterruptedIOException)) {
      return message == null ? name : name + ": " + message;
    }
    return message == null ? name : message;
  }
}

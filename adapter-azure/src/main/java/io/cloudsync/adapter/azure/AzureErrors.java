package io.cloudsync.adapter.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.UnsupportedFeatureException;
import io.cloudsync.storage.WriteCondition;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;

/**
 * Maps the SDK's errors onto the port's exceptions. Messages are built here from the status and the
 * service's error code only: the SDK's own text (request details, signatures) never reaches a
 * message, and neither does a credential.
 */
final class AzureErrors {

  private static final Set<String> AUTH_CODES =
      Set.of(
          "AuthenticationFailed",
          "AuthorizationFailure",
          "AuthorizationPermissionMismatch",
          "AuthorizationSourceIPMismatch",
          "AuthorizationProtocolMismatch",
          "AuthorizationServiceMismatch",
          "AuthorizationResourceTypeMismatch",
          "InsufficientAccountPermissions",
          "InvalidAuthenticationInfo",
          "NoAuthenticationInformation",
          "AccountIsDisabled");

  private static final Set<String> KEY_CODES =
      Set.of("InvalidResourceName", "InvalidUri", "OutOfRangeInput");

  private final String container;
  private final String endpoint;

  /**
   * @param container the container, for "container … does not exist"
   * @param endpoint the blob endpoint without query, for "cannot reach …"
   */
  AzureErrors(String container, String endpoint) {
    this.container = container;
    this.endpoint = endpoint;
  }

  /** Maps {@code error} raised by an operation on {@code location} without a condition. */
  StorageException map(Throwable error, String location) {
    return map(error, location, WriteCondition.UNCONDITIONAL);
  }

  /**
   * Maps {@code error} raised by an operation on {@code location} that was guarded by {@code
   * condition}: a missing blob or an existing one then means the condition failed.
   */
  StorageException map(Throwable error, String location, WriteCondition condition) {
    if (error instanceof StorageException mapped) {
      return mapped;
    }
    boolean conditional = !(condition instanceof WriteCondition.Unconditional);
    if (error instanceof BlobStorageException blob) {
      return mapStatus(blob.getStatusCode(), code(blob), location, conditional);
    }
    if (error instanceof ClientAuthenticationException) {
      return new AccessDeniedException(
          location,
          "credentials rejected: no Azure AD token could be obtained (sign in with 'az login',"
              + " or set AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_KEY or"
              + " AZURE_STORAGE_SAS_TOKEN)");
    }
    if (error instanceof HttpResponseException http && http.getResponse() != null) {
      return mapStatus(
          http.getResponse().getStatusCode(),
          http.getResponse().getHeaderValue("x-ms-error-code"),
          location,
          conditional);
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof UnresolvedAddressException
          || cause instanceof HttpConnectTimeoutException) {
        return new BackendUnreachableException(
            location, "cannot reach " + endpoint + " (" + reason(cause) + ")", cause);
      }
      if (cause instanceof ContentShortException shortContent) {
        return new LocalIoException(location, shortContent.getMessage(), shortContent);
      }
      if (cause instanceof ContentReadException readFailure) {
        return new LocalIoException(
            location, "cannot read the content to upload: " + readFailure.reason(), readFailure);
      }
      if (cause instanceof IOException io) {
        return new TransientStorageException(
            location, "connection to " + endpoint + " failed (" + reason(io) + ")", io);
      }
    }
    return new AzureRequestFailedException(
        location, "request failed (" + error.getClass().getSimpleName() + ")", error);
  }

  private StorageException mapStatus(
      int status, String code, String location, boolean conditional) {
    String shown = code == null || code.isBlank() ? "HTTP " + status : code;
    if (status == 412 || "ConditionNotMet".equals(code)) {
      return new PreconditionFailedException(location, "precondition failed (" + shown + ")");
    }
    if (conditional && (status == 409 && "BlobAlreadyExists".equals(code))) {
      return new PreconditionFailedException(location, "precondition failed (it exists already)");
    }
    if (status == 404 || BlobErrorCode.CONTAINER_NOT_FOUND.toString().equals(code)) {
      if (BlobErrorCode.CONTAINER_NOT_FOUND.toString().equals(code)) {
        return new NotFoundException(
            location,
            "container '"
                + container
                + "' does not exist (create it with 'cloudsync mkbucket' or check the name)");
      }
      if (conditional) {
        return new PreconditionFailedException(location, "precondition failed (it does not exist)");
      }
      return new NotFoundException(location, "not found");
    }
    if (status == 403 || status == 401 || AUTH_CODES.contains(code)) {
      return new AccessDeniedException(location, "credentials rejected (" + shown + ")");
    }
    if (status == 429 || status == 503 || "ServerBusy".equals(code)) {
      return new ThrottledException(
          location, "throttled by the service (" + shown + "); retries exhausted");
    }
    if (status >= 500) {
      return new TransientStorageException(location, "server error (" + shown + ")");
    }
    if (status == 400 && KEY_CODES.contains(code)) {
      return new InvalidKeyException(location, "the service rejects this name (" + shown + ")");
    }
    if (status == 501 || "FeatureNotSupported".equals(code)) {
      return new UnsupportedFeatureException(location, "not supported here (" + shown + ")");
    }
    return new AzureRequestFailedException(
        location, "request rejected (HTTP " + status + ", " + shown + ")", null);
  }

  private static String code(BlobStorageException e) {
    if (e.getErrorCode() != null) {
      return e.getErrorCode().toString();
    }
    return e.getResponse() == null ? null : e.getResponse().getHeaderValue("x-ms-error-code");
  }

  private static String reason(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
      return "unknown host";
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    return cause.getClass().getSimpleName();
  }

  /** Content that ended before its announced length. */
  static final class ContentShortException extends IOException {
    private static final long serialVersionUID = 1L;

    ContentShortException(long read, long expected) {
      super("the content ended after " + read + " of " + expected + " bytes; nothing was stored");
    }
  }

  /** The caller's content stream failed; wraps its {@link IOException}. */
  static final class ContentReadException extends IOException {
    private static final long serialVersionUID = 1L;

    ContentReadException(IOException cause) {
      super(cause);
    }

    String reason() {
      Throwable cause = getCause();
      return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
  }

  /** An error of the service that none of the port's kinds describes. */
  static final class AzureRequestFailedException extends StorageException {
    private static final long serialVersionUID = 1L;

    AzureRequestFailedException(String location, String detail, Throwable cause) {
      super(location, detail, cause);
    }
  }
}

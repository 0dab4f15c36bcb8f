package io.cloudsync.adapter.s3;

import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.UnsupportedFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps the SDK's errors onto the port's exceptions. Messages name the location and S3's error code,
 * never the SDK's own text, which for signature errors may quote the request it signed.
 */
final class S3Errors {
  private static final Pattern EXPECTED_REGION =
      Pattern.compile("expecting '([a-z0-9-]+)'", Pattern.CASE_INSENSITIVE);

  private final String bucketLocation;
  private final String configuredRegion;

  S3Errors(String bucketLocation, String configuredRegion) {
    this.bucketLocation = bucketLocation;
    this.configuredRegion = configuredRegion;
  }

  /** The port's exception for {@code e}, which happened at {@code location}. */
  StorageException map(String location, RuntimeException e) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    if (e instanceof AwsServiceException service) {
      return mapService(location, service);
    }
    if (e instanceof SdkException || e instanceof UncheckedIOException) {
      return mapClient(location, e);
    }
    return new TransientStorageException(location, "unexpected failure: " + describe(e), e);
  }

  private StorageException mapService(String location, AwsServiceException e) {
    int status = e.statusCode();
    String code =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
            ? ""
            : e.awsErrorDetails().errorCode();
    String lower = code.toLowerCase(Locale.ROOT);
    Optional<String> actualRegion =
        e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
            ? Optional.empty()
            : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
    switch (lower) {
      case "nosuchbucket":
        return new NotFoundException(bucketLocation, "bucket does not exist", e);
      case "nosuchkey":
        return new NotFoundException(location, "not found", e);
      case "preconditionfailed", "conditionalrequestconflict":
        return new PreconditionFailedException(
            location, "precondition failed: the object changed since it was last seen", e);
      case "invalidaccesskeyid",
      "signaturedoesnotmatch",
      "invalidtoken",
      "expiredtoken",
      "tokenrefreshrequired":
        return new AccessDeniedException(location, "credentials rejected (" + code + ")", e);
      case "accessdenied", "allaccessdisabled":
        return new AccessDeniedException(
            location, "access denied (" + code + "): the credentials may not do this", e);
      case "slowdown", "throttling", "requestlimitexceeded", "toomanyrequests":
        return new ThrottledException(location, "throttled by the store (" + code + ")", e);
      case "permanentredirect",
      "authorizationheadermalformed",
      "illegallocationconstraintexception",
      "invalidregion":
        return regionMismatch(location, e, actualRegion);
      case "keytoolongerror", "invalidobjectname":
        return new InvalidKeyException(location, "the store refuses this key (" + code + ")", e);
      case "notimplemented":
        return new UnsupportedFeatureException(
            location, "the store does not implement this request (" + code + ")", e);
      default:
        break;
    }
    if (status == 301 || status == 307 || (actualRegion.isPresent() && status == 400)) {
      return regionMismatch(location, e, actualRegion);
    }
    if (status == 404) {
      return new NotFoundException(location, "not found", e);
    }
    if (status == 412) {
      return new PreconditionFailedException(
          location, "precondition failed: the object changed since it was last seen", e);
    }
    if (status == 401) {
      return new AccessDeniedException(location, "credentials rejected" + codeSuffix(code), e);
    }
    if (status == 403) {
      return new AccessDeniedException(location, "access denied" + codeSuffix(code), e);
    }
    if (status == 429 || status == 503) {
      return new ThrottledException(location, "throttled by the store" + codeSuffix(code), e);
    }
    if (status >= 500) {
      return new TransientStorageException(
          location, "the store failed with HTTP " + status + codeSuffix(code) + "; try again", e);
    }
    if (status == 405 || status == 501) {
      return new UnsupportedFeatureException(
          location, "the store does not support this request (HTTP " + status + ")", e);
    }
    return new UnsupportedFeatureException(
        location, "the store refused the request with HTTP " + status + codeSuffix(code), e);
  }

  private StorageException regionMismatch(
      String location, AwsServiceException e, Optional<String> actualRegion) {
    Optional<String> expected = actualRegion;
    if (expected.isEmpty() && e.awsErrorDetails() != null) {
      String message = e.awsErrorDetails().errorMessage();
      if (message != null) {
        Matcher m = EXPECTED_REGION.matcher(message);
        if (m.find()) {
          expected = Optional.of(m.group(1));
        }
      }
    }
    String detail =
        expected
            .map(
                r ->
                    "the bucket is in region "
                        + r
                        + ", not "
                        + configuredRegion
                        + "; set region="
                        + r)
            .orElse(
                "the bucket is not in region "
                    + configuredRegion
                    + "; set the region option to the bucket's region");
    return new InvalidConfigException(bucketLocation, detail, e);
  }

  private StorageException mapClient(String location, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SourceStreamException source) {
        return new LocalIoException(location, source.getMessage(), e);
      }
      if (t instanceof UnknownHostException) {
        return new BackendUnreachableException(
            location, "unknown host " + t.getMessage() + "; check the endpoint and the network", e);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new BackendUnreachableException(
            location, "cannot connect to the store (" + describe(t) + ")", e);
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Unable to load credentials")) {
      return new AccessDeniedException(
          location,
          "no credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or a"
              + " role",
          e);
    }
    if (message.startsWith("Unable to load region")) {
      return new InvalidConfigException(location, "no region configured: set region=…", e);
    }
    Throwable io = e;
    while (io != null && !(io instanceof IOException)) {
      io = io.getCause();
    }
    if (io != null) {
      return new TransientStorageException(
          location, "connection to the store failed (" + describe(io) + ")", e);
    }
    return new TransientStorageException(location, "request failed: " + describe(e), e);
  }

  private static String codeSuffix(String code) {
    return code.isEmpty() ? "" : " (" + code + ")";
  }

  /** The exception's class and first line, for messages: never the SDK's multi-line dumps. */
  private static String describe(Throwable t) {
    String message = t.getMessage();
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    if (first.length() > 160) {
      first = first.substring(0, 160) + "…";
    }
    return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}

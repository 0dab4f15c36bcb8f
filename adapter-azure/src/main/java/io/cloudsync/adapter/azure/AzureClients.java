package io.cloudsync.adapter.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.cloudsync.adapter.azure.AzureConfig.Credentials;
import io.cloudsync.storage.InvalidConfigException;
import java.time.Duration;
import java.util.Optional;

/** Builds the SDK client for an {@link AzureConfig}; checks settings, never the network. */
final class AzureClients {
  private AzureClients() {}

  /** The container client, its blob endpoint (no query) and the SAS to append to source URLs. */
  record Clients(BlobContainerClient container, String endpoint, Optional<String> sasToken) {}

  static Clients build(AzureConfig config) {
    RestrictedHeaders.allowContentLength();
    HttpClient http = new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10)).build();
    RequestRetryOptions retry =
        new RequestRetryOptions(
            RetryPolicyType.EXPONENTIAL,
            config.maxAttempts(),
            (Duration) null,
            Duration.ofMillis(400),
            Duration.ofSeconds(8),
            null);
    BlobServiceClientBuilder builder =
        new BlobServiceClientBuilder().httpClient(http).retryOptions(retry);
    String location = config.location();
    Credentials credentials = config.credentials();
    String endpoint;
    Optional<String> sas = Optional.empty();
    switch (credentials) {
      case Credentials.ConnectionString cs -> {
        ConnectionStrings.Parts parts = ConnectionStrings.parse(location, cs.source(), cs.value());
        try {
          builder.connectionString(cs.value());
        } catch (RuntimeException e) {
          // The SDK's message may quote the string: say what is wrong without it.
          throw new InvalidConfigException(
              location,
              "the connection string in "
                  + cs.source()
                  + " is malformed (the Azure SDK does not accept it)");
        }
        endpoint = config.endpoint().or(parts::blobEndpoint).orElseThrow();
        sas = parts.get("SharedAccessSignature");
      }
      case Credentials.SharedKey key -> {
        endpoint = config.endpoint().orElse(defaultEndpoint(key.accountName()));
        builder.credential(new StorageSharedKeyCredential(key.accountName(), key.accountKey()));
      }
      case Credentials.SasToken token -> {
        endpoint =
            config
                .endpoint()
                .or(() -> config.account().map(AzureClients::defaultEndpoint))
                .orElseThrow(
                    () ->
                        new InvalidConfigException(
                            location, "a SAS token needs the option account or endpoint"));
        builder.sasToken(token.token());
        sas = Optional.of(token.token());
      }
      case Credentials.DefaultAzureCredential ignored -> {
        endpoint =
            config
                .endpoint()
                .or(() -> config.account().map(AzureClients::defaultEndpoint))
                .orElseThrow(
                    () ->
                        new InvalidConfigException(
                            location, "DefaultAzureCredential needs the option account"));
        builder.credential(new DefaultAzureCredentialBuilder().build());
      }
    }
    String cleanEndpoint = withoutQuery(endpoint);
    if (!ConnectionStrings.isHttpUrl(cleanEndpoint)) {
      throw new InvalidConfigException(
          location, "endpoint '" + cleanEndpoint + "' is not an http(s) URL");
    }
    try {
      builder.endpoint(cleanEndpoint);
      BlobContainerClient container =
          builder.buildClient().getBlobContainerClient(config.container());
      return new Clients(
          container, cleanEndpoint, sas.map(s -> s.startsWith("?") ? s.substring(1) : s));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidConfigException(
          location,
          "the Azure client cannot be built from these settings (" + shortReason(e) + ")");
    }
  }

  static String defaultEndpoint(String account) {
    return "https://" + account + ".blob.core.windows.net";
  }

  static String withoutQuery(String endpoint) {
    String stripped = endpoint.strip();
    int question = stripped.indexOf('?');
    stripped = question < 0 ? stripped : stripped.substring(0, question);
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }

  private static String shortReason(RuntimeException e) {
    // Only the exception's kind: its text could quote a credential.
    return e.getClass().getSimpleName();
  }
}

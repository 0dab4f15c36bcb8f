package io.cloudsync.adapter.azure;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The settings of one Azure Blob Storage backend, read once from a {@link
 * io.cloudsync.storage.BackendConfig} by {@link AzureStorageProvider}.
 *
 * @param container the container
 * @param prefix the key prefix inside it, without leading or trailing {@code /} ({@code ""} for the
 *     whole container)
 * @param account the storage account's name, when known
 * @param endpoint the blob endpoint ({@code https://<account>.blob.core.windows.net} or an
 *     emulator's), when it is not derived from the account or the connection string
 * @param credentials how requests are authorised; its {@code toString} never shows a secret
 * @param singleUploadThreshold content up to this size goes in one request, larger content in
 *     staged blocks
 * @param blockSize the size of one staged block
 * @param concurrency how many blocks of one upload are in flight (and buffered) at once
 * @param maxAttempts how often a request is tried before a throttling or transient error is given
 *     up
 * @param listPageSize how many blobs one listing request asks for (at most 5,000)
 * @param uploadBuffer how many bytes all uploads of this backend together may hold in memory at
 *     once (single requests and staged blocks); at least the threshold and the block size
 */
public record AzureConfig(
    String container,
    String prefix,
    Optional<String> account,
    Optional<String> endpoint,
    Credentials credentials,
    long singleUploadThreshold,
    long blockSize,
    int concurrency,
    int maxAttempts,
    int listPageSize,
    long uploadBuffer) {

  /** The default single-request limit: 16 MiB. */
  public static final long DEFAULT_SINGLE_UPLOAD_THRESHOLD = 16L << 20;

  /** The default block size: 8 MiB. */
  public static final long DEFAULT_BLOCK_SIZE = 8L << 20;

  /** Blocks of one upload in flight by default. */
  public static final int DEFAULT_CONCURRENCY = 4;

  /** Attempts per request by default. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Blobs per listing page by default: the service's maximum. */
  public static final int DEFAULT_LIST_PAGE_SIZE = 5000;

  /** The default memory budget of all uploads together: 64 MiB. */
  public static final long DEFAULT_UPLOAD_BUFFER = 64L << 20;

  /** The largest block Azure accepts, and the most this adapter ever buffers per block. */
  static final long MAX_BLOCK_SIZE = 256L << 20;

  /** Validates the fields. */
  public AzureConfig {
    requireNonNull(container, "container is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(account, "account is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(credentials, "credentials is null");
    if (container.isBlank()) {
      throw new IllegalArgumentException("container is blank");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must not start or end with '/': " + prefix);
    }
    if (singleUploadThreshold < 0 || singleUploadThreshold > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "single upload threshold must be between 0 and 256 MiB: " + singleUploadThreshold);
    }
    if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "block size must be between 1 B and 256 MiB: " + blockSize);
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("concurrency must be between 1 and 64: " + concurrency);
    }
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("max attempts must be between 1 and 20: " + maxAttempts);
    }
    if (uploadBuffer < Math.max(singleUploadThreshold, blockSize) || uploadBuffer > (1L << 30)) {
      throw new IllegalArgumentException(
          "upload buffer must hold one block and one single upload, and be at most 1 GiB: "
              + uploadBuffer);
    }
    if (listPageSize < 1 || listPageSize > 5000) {
      throw new IllegalArgumentException(
          "list page size must be between 1 and 5000: " + listPageSize);
    }
  }

  /** The printable root: {@code az://container/prefix}. */
  public String location() {
    return "az://" + container + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** How requests are authorised. Implementations never print their secret. */
  public sealed interface Credentials {

    /** A short description without any secret, such as {@code "account key"}. */
    String describe();

    /**
     * A full connection string (holds the account key or a SAS).
     *
     * @param source where it came from, such as the environment variable's name
     * @param value the connection string itself
     */
    record ConnectionString(String source, String value) implements Credentials {
      /** Validates the fields. */
      public ConnectionString {
        requireNonNull(source, "source is null");
        requireNonNull(value, "value is null");
      }

      @Override
      public String describe() {
        return "connection string from " + source;
      }

      @Override
      public String toString() {
        return "ConnectionString[source=" + source + ", value=***]";
      }
    }

    /**
     * The account name and one of its access keys.
     *
     * @param accountName the storage account
     * @param accountKey the base64 key
     */
    record SharedKey(String accountName, String accountKey) implements Credentials {
      /** Validates the fields. */
      public SharedKey {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(accountKey, "accountKey is null");
      }

      @Override
      public String describe() {
        return "account key of " + accountName;
      }

      @Override
      public String toString() {
        return "SharedKey[accountName=" + accountName + ", accountKey=***]";
      }
    }

    /**
     * A shared access signature, without or with its leading {@code ?}.
     *
     * @param token the query string of the signature
     */
    record SasToken(String token) implements Credentials {
      /** Validates the fields. */
      public SasToken {
        requireNonNull(token, "token is null");
      }

      @Override
      public String describe() {
        return "SAS token";
      }

      @Override
      public String toString() {
        return "SasToken[***]";
      }
    }

    /**
     * Azure AD through {@code DefaultAzureCredential}: environment, managed identity, Azure CLI
     * login and the other sources it tries in turn.
     */
    record DefaultAzureCredential() implements Credentials {
      @Override
      public String describe() {
        return "DefaultAzureCredential";
      }
    }
  }
}

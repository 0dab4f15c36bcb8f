package io.cloudsync.adapter.azure;

import io.cloudsync.adapter.azure.AzureConfig.Credentials;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.BackendUri;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProvider;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Azure Blob Storage: {@code az://container/prefix}.
 *
 * <p>Options (URI query or the {@code azure:} section of {@code cloudsync.yaml}): {@code account},
 * {@code endpoint} (alias {@code endpoint-url}), {@code connection-string-env}, {@code
 * account-key-env} and {@code sas-token-env} (the name of an environment variable holding a
 * connection string, an account key or a SAS token), {@code block-size} (alias {@code part-size}),
 * {@code single-upload-threshold} (alias {@code multipart-threshold}), {@code concurrency}, {@code
 * max-attempts}, {@code list-page-size}, {@code upload-buffer}.
 *
 * <p>Credentials, first found wins: the variable named by {@code connection-string-env}, {@code
 * account-key-env} or {@code sas-token-env}; {@code AZURE_STORAGE_CONNECTION_STRING}; {@code
 * AZURE_STORAGE_KEY} with the account; {@code AZURE_STORAGE_SAS_TOKEN}; else {@code
 * DefaultAzureCredential} for the account. The account may also come from {@code
 * AZURE_STORAGE_ACCOUNT}.
 */
public final class AzureStorageProvider implements StorageProvider {

  static {
    // The JDK reads this once, when its HTTP client initialises: set it as early as possible.
    RestrictedHeaders.allowContentLength();
  }

  /** The environment variable holding a full connection string. */
  public static final String CONNECTION_STRING_ENV = "AZURE_STORAGE_CONNECTION_STRING";

  /** The environment variable holding an account key. */
  public static final String KEY_ENV = "AZURE_STORAGE_KEY";

  /** The environment variable holding a SAS token. */
  public static final String SAS_ENV = "AZURE_STORAGE_SAS_TOKEN";

  /** The environment variable holding the account name. */
  public static final String ACCOUNT_ENV = "AZURE_STORAGE_ACCOUNT";

  private static final Pattern CONTAINER =
      Pattern.compile("\\$root|\\$web|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}|devstoreaccount1");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Needed by {@link java.util.ServiceLoader}. */
  public AzureStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("az");
  }

  @Override
  public String description() {
    return "Azure Blob Storage (az://container/prefix)";
  }

  @Override
  public StorageBackend open(BackendConfig config) {
    AzureConfig azure = read(config);
    return new AzureStorageBackend(azure, AzureClients.build(azure));
  }

  /**
   * Reads and checks the settings of {@code config}.
   *
   * @throws InvalidConfigException naming the setting at fault, never quoting a secret
   */
  static AzureConfig read(BackendConfig config) {
    BackendUri uri = config.uri();
    String location = uri.location();
    if (!uri.scheme().equals("az")) {
      throw new InvalidConfigException(location, "not an az:// URI");
    }
    String container = uri.bucket();
    if (!CONTAINER.matcher(container).matches()) {
      throw new InvalidConfigException(
          location,
          "container name '"
              + container
              + "' is not valid: 3 to 63 lower-case letters, digits and single hyphens,"
              + " starting and ending with a letter or digit");
    }
    Optional<String> account =
        config.option("account", "account-name").or(() -> config.env(ACCOUNT_ENV));
    if (account.isPresent() && !ACCOUNT.matcher(account.get()).matches()) {
      throw new InvalidConfigException(
          location,
          "account name '"
              + account.get()
              + "' is not valid: 3 to 24 lower-case letters and digits");
    }
    Optional<String> endpoint = config.option("endpoint", "endpoint-url", "blob-endpoint");
    if (endpoint.isPresent() && !ConnectionStrings.isHttpUrl(endpoint.get())) {
      throw new InvalidConfigException(
          location,
          "endpoint '" + AzureClients.withoutQuery(endpoint.get()) + "' is not an http(s) URL");
    }
    Credentials credentials = credentials(config, location, account, endpoint);
    if (credentials instanceof Credentials.ConnectionString cs) {
      ConnectionStrings.Parts parts = ConnectionStrings.parse(location, cs.source(), cs.value());
      account = account.or(() -> parts.get("AccountName"));
    }
    long threshold =
        size(
            config,
            location,
            "single-upload-threshold",
            "multipart-threshold",
            AzureConfig.DEFAULT_SINGLE_UPLOAD_THRESHOLD,
            0);
    long blockSize =
        size(config, location, "block-size", "part-size", AzureConfig.DEFAULT_BLOCK_SIZE, 1);
    long buffer =
        config.size(
            "upload-buffer",
            Math.max(AzureConfig.DEFAULT_UPLOAD_BUFFER, Math.max(threshold, blockSize)));
    if (buffer < Math.max(threshold, blockSize) || buffer > (1L << 30)) {
      throw new InvalidConfigException(
          location,
          "option upload-buffer must be at least the block size and the single-upload threshold,"
              + " and at most 1G");
    }
    return new AzureConfig(
        container,
        uri.path(),
        account,
        endpoint,
        credentials,
        threshold,
        blockSize,
        (int) number(config, location, "concurrency", AzureConfig.DEFAULT_CONCURRENCY, 1, 64),
        (int) number(config, location, "max-attempts", AzureConfig.DEFAULT_MAX_ATTEMPTS, 1, 20),
        (int)
            number(config, location, "list-page-size", AzureConfig.DEFAULT_LIST_PAGE_SIZE, 1, 5000),
        buffer);
  }

  private static Credentials credentials(
      BackendConfig config, String location, Optional<String> account, Optional<String> endpoint) {
    Optional<String> connectionVariable = variableOption(config, location, "connection-string-env");
    if (connectionVariable.isPresent()) {
      String name = connectionVariable.get();
      return new Credentials.ConnectionString(
          name, required(config, location, "connection-string-env", name));
    }
    Optional<String> keyVariable = variableOption(config, location, "account-key-env");
    if (keyVariable.isPresent()) {
      String name = keyVariable.get();
      return sharedKey(
          location, account, name, required(config, location, "account-key-env", name));
    }
    Optional<String> sasVariable = variableOption(config, location, "sas-token-env");
    if (sasVariable.isPresent()) {
      String name = sasVariable.get();
      return sas(
          location, account, endpoint, name, required(config, location, "sas-token-env", name));
    }
    Optional<String> connectionString = config.env(CONNECTION_STRING_ENV);
    if (connectionString.isPresent()) {
      return new Credentials.ConnectionString(CONNECTION_STRING_ENV, connectionString.get());
    }
    Optional<String> key = config.env(KEY_ENV);
    if (key.isPresent()) {
      return sharedKey(location, account, KEY_ENV, key.get());
    }
    Optional<String> token = config.env(SAS_ENV);
    if (token.isPresent()) {
      return sas(location, account, endpoint, SAS_ENV, token.get());
    }
    if (account.isPresent()) {
      return new Credentials.DefaultAzureCredential();
    }
    throw new InvalidConfigException(
        location,
        "no Azure credentials: set "
            + CONNECTION_STRING_ENV
            + ", or the option account with "
            + KEY_ENV
            + ", "
            + SAS_ENV
            + " or an Azure login (DefaultAzureCredential)");
  }

  private static Optional<String> variableOption(
      BackendConfig config, String location, String option) {
    Optional<String> name = config.option(option);
    if (name.isPresent() && !ENV_NAME.matcher(name.get()).matches()) {
      throw new InvalidConfigException(
          location,
          option + " must name an environment variable, such as " + CONNECTION_STRING_ENV);
    }
    return name;
  }

  private static String required(
      BackendConfig config, String location, String option, String variable) {
    return config
        .env(variable)
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    location, option + " names " + variable + ", which is not set"));
  }

  private static Credentials sharedKey(
      String location, Optional<String> account, String variable, String key) {
    String name =
        account.orElseThrow(
            () ->
                new InvalidConfigException(
                    location,
                    variable
                        + " is set but no account is named: set the option account or "
                        + ACCOUNT_ENV));
    try {
      Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(location, variable + " is not a base64 account key");
    }
    return new Credentials.SharedKey(name, key.strip());
  }

  private static Credentials sas(
      String location,
      Optional<String> account,
      Optional<String> endpoint,
      String variable,
      String token) {
    if (account.isEmpty() && endpoint.isEmpty()) {
      throw new InvalidConfigException(
          location, variable + " is set but neither the option account nor endpoint is");
    }
    return new Credentials.SasToken(token.strip());
  }

  private static long size(
      BackendConfig config, String location, String name, String alias, long fallback, long min) {
    String used = config.option(name).isPresent() ? name : alias;
    long value = config.size(used, fallback);
    if (value < min || value > AzureConfig.MAX_BLOCK_SIZE) {
      throw new InvalidConfigException(
          location, "option " + used + " must be between " + min + " B and 256 MiB");
    }
    return value;
  }

  private static long number(
      BackendConfig config, String location, String name, long fallback, long min, long max) {
    Optional<String> text = config.option(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new InvalidConfigException(
        location, "option " + name + " must be a whole number from " + min + " to " + max);
  }
}

package io.cloudsync.adapter.azure;

import io.cloudsync.storage.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a storage connection string ({@code Name=value;…}) without ever echoing it: every complaint
 * names the broken part, never its value, because the string holds the account key.
 */
final class ConnectionStrings {
  private ConnectionStrings() {}

  /** The parts of a checked connection string, names in lower case. */
  record Parts(Map<String, String> values) {
    Optional<String> get(String name) {
      return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The blob endpoint the string names or implies. */
    Optional<String> blobEndpoint() {
      Optional<String> explicit = get("BlobEndpoint");
      if (explicit.isPresent()) {
        return explicit;
      }
      Optional<String> account = get("AccountName");
      if (account.isEmpty()) {
        return Optional.empty();
      }
      String protocol = get("DefaultEndpointsProtocol").orElse("https");
      String suffix = get("EndpointSuffix").orElse("core.windows.net");
      return Optional.of(protocol + "://" + account.get() + ".blob." + suffix);
    }
  }

  /**
   * Checks {@code value} and splits it into its parts.
   *
   * @param location the backend location, for the message
   * @param source where the string came from (an environment variable's name), for the message
   * @throws InvalidConfigException saying what is wrong, without the string itself
   */
  static Parts parse(String location, String source, String value) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String part : value.strip().split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw malformed(location, source, "a part is not Name=value");
      }
      values.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1));
    }
    Parts parts = new Parts(values);
    if (values.isEmpty()) {
      throw malformed(location, source, "it is empty");
    }
    boolean hasKey = parts.get("AccountKey").isPresent();
    boolean hasSas = parts.get("SharedAccessSignature").isPresent();
    if (!hasKey && !hasSas) {
      throw malformed(location, source, "it has neither AccountKey nor SharedAccessSignature");
    }
    if (hasKey) {
      if (parts.get("AccountName").isEmpty()) {
        throw malformed(location, source, "AccountKey needs AccountName");
      }
      try {
        Base64.getDecoder().decode(parts.get("AccountKey").get().strip());
      } catch (IllegalArgumentException e) {
        throw malformed(location, source, "AccountKey is not base64");
      }
    }
    Optional<String> protocol = parts.get("DefaultEndpointsProtocol");
    if (protocol.isPresent() && !protocol.get().matches("(?i)https?")) {
      throw malformed(location, source, "DefaultEndpointsProtocol is neither http nor https");
    }
    Optional<String> endpoint = parts.blobEndpoint();
    if (endpoint.isEmpty()) {
      throw malformed(location, source, "it names neither AccountName nor BlobEndpoint");
    }
    if (!isHttpUrl(endpoint.get())) {
      throw malformed(location, source, "BlobEndpoint is not an http(s) URL");
    }
    return parts;
  }

  static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      return uri.getScheme() != null
          && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static InvalidConfigException malformed(String location, String source, String why) {
    return new InvalidConfigException(
        location,
        "the connection string in "
            + source
            + " is malformed ("
            + why
            + "); expected AccountName=…;AccountKey=…[;BlobEndpoint=…] or"
            + " BlobEndpoint=…;SharedAccessSignature=…");
  }
}

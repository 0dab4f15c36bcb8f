package io.cloudsync.storage;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed backend address.
 *
 * <ul>
 *   <li>{@code local:/path}, {@code local:///path}, {@code file:/path}, {@code file:///path}: a
 *       folder; {@link #path()} is the filesystem path and {@link #bucket()} is empty.
 *   <li>{@code s3://bucket/prefix?endpoint=…&region=…&path-style=true}
 *   <li>{@code az://container/prefix?account=…&endpoint=…}
 *   <li>{@code gs://bucket/prefix?project=…&endpoint=…}
 * </ul>
 *
 * <p>For object stores {@link #path()} is the key prefix without leading or trailing {@code /}
 * ({@code ""} for the whole bucket). Query parameters are options for the provider. {@link
 * #toString()} masks parameters that look like secrets, so a URI can be printed safely.
 *
 * @param scheme the lower-case scheme, such as {@code s3}
 * @param bucket the bucket or container, empty for folder schemes
 * @param path the filesystem path (folder schemes) or the key prefix (object stores)
 * @param params the query parameters, decoded, in order
 */
public record BackendUri(String scheme, String bucket, String path, Map<String, String> params) {

  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i).*(secret|password|token|sig|key|credential|sas).*");

  /** Validates the fields and copies the parameters. */
  public BackendUri {
    requireNonNull(scheme, "scheme is null");
    requireNonNull(bucket, "bucket is null");
    requireNonNull(path, "path is null");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(params, "params")));
  }

  /** Whether this scheme names a folder on this machine ({@code local:}, {@code file:}). */
  public boolean isLocalFolder() {
    return scheme.equals("local") || scheme.equals("file");
  }

  /**
   * Parses {@code text}.
   *
   * @throws InvalidConfigException naming the text and the expected shapes when it is malformed
   */
  public static BackendUri parse(String text) {
    requireNonNull(text, "text is null");
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    if (trimmed.isEmpty() || colon <= 0 || !SCHEME.matcher(trimmed.substring(0, colon)).matches()) {
      throw malformed(text, "it has no scheme");
    }
    String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = trimmed.substring(colon + 1);
    Map<String, String> params = new LinkedHashMap<>();
    int question = rest.indexOf('?');
    if (question >= 0) {
      parseQuery(text, rest.substring(question + 1), params);
      rest = rest.substring(0, question);
    }
    if (scheme.equals("local") || scheme.equals("file")) {
      String path = rest.startsWith("//") ? rest.substring(2) : rest;
      path = decode(text, path);
      if (path.isEmpty()) {
        throw malformed(text, "it names no folder");
      }
      if (path.indexOf('\0') >= 0) {
        throw malformed(text, "the path contains a NUL character");
      }
      return new BackendUri(scheme, "", path, params);
    }
    if (!rest.startsWith("//")) {
      throw malformed(text, "expected " + scheme + "://bucket/prefix");
    }
    rest = rest.substring(2);
    int slash = rest.indexOf('/');
    String bucket = decode(text, slash < 0 ? rest : rest.substring(0, slash));
    String prefix = slash < 0 ? "" : decode(text, rest.substring(slash + 1));
    if (bucket.isEmpty()) {
      throw malformed(text, "it names no bucket");
    }
    if (bucket.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw malformed(text, "the bucket name contains white space or a control character");
    }
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (prefix.indexOf('\0') >= 0 || prefix.startsWith("/") || prefix.contains("//")) {
      throw malformed(text, "the prefix must be relative and have no empty segment");
    }
    for (String segment : prefix.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw malformed(text, "the prefix may not contain '.' or '..' segments");
      }
    }
    return new BackendUri(scheme, bucket, prefix, params);
  }

  private static void parseQuery(String text, String query, Map<String, String> params) {
    if (query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(text, eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "true" : decode(text, pair.substring(eq + 1));
      if (name.isEmpty()) {
        throw malformed(text, "a query parameter has no name");
      }
      params.put(name, value);
    }
  }

  private static String decode(String text, String part) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(text, "it has a bad percent-escape");
    }
  }

  private static InvalidConfigException malformed(String text, String why) {
    return new InvalidConfigException(
        "'" + redact(text) + "'",
        "malformed backend URI ("
            + why
            + "); expected local:/path, s3://bucket/prefix, az://container/prefix or"
            + " gs://bucket/prefix");
  }

  /** The value of a query parameter. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** The printable location of the root, without parameters: {@code s3://bucket/prefix}. */
  public String location() {
    if (isLocalFolder()) {
      return path;
    }
    return scheme + "://" + bucket + (path.isEmpty() ? "" : "/" + path);
  }

  /** Whether a query parameter of this name would hold a secret, and must never be printed. */
  public static boolean isSecretParam(String name) {
    return SECRET_PARAM.matcher(name).matches();
  }

  /** Masks secret-looking query values in a URI text. */
  static String redact(String text) {
    int question = text.indexOf('?');
    if (question < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.substring(0, question + 1));
    String[] pairs = text.substring(question + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      int eq = pairs[i].indexOf('=');
      String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
      out.append(eq >= 0 && isSecretParam(name) ? name + "=***" : pairs[i]);
    }
    return out.toString();
  }

  /** The URI with secret-looking parameter values masked: safe to print and log. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(isLocalFolder() ? scheme + ":" + path : location());
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      out.append(sep).append(e.getKey()).append('=');
      out.append(isSecretParam(e.getKey()) ? "***" : e.getValue());
      sep = '&';
    }
    return out.toString();
  }
}

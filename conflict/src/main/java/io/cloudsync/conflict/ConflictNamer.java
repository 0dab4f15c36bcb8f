package io.cloudsync.conflict;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Names conflict copies: {@code dir/name.conflict-<host>-<yyyyMMdd-HHmmss>.ext}, in UTC, so that a
 * copy sorts beside its original, keeps its extension (and the application that opens it), and says
 * which machine set it aside and when.
 *
 * <p>Only the last extension is kept after the marker ({@code a.tar.gz} → {@code
 * a.tar.conflict-…​.gz}); a name without an extension, or a dotfile such as {@code .bashrc}, gets
 * the marker at its end. The host is reduced to {@code [A-Za-z0-9-]}. When the new name would break
 * the key length limit, the stem is shortened.
 */
public final class ConflictNamer {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern COPY_NAME =
      Pattern.compile(".+\\.conflict-[A-Za-z0-9-]+-\\d{8}-\\d{6}(?:\\.[^.]+)?");
  private static final Pattern NOT_HOST = Pattern.compile("[^A-Za-z0-9-]+");

  /** The key under which the losing content of {@code key} is kept. */
  public ObjectKey conflictKey(ObjectKey key, String host, Instant when) {
    requireNonNull(key, "key is null");
    requireNonNull(host, "host is null");
    requireNonNull(when, "when is null");
    String name = key.name();
    int dot = name.lastIndexOf('.');
    boolean hasExtension = dot > 0 && dot < name.length() - 1;
    String stem = hasExtension ? name.substring(0, dot) : name;
    String extension = hasExtension ? name.substring(dot) : "";
    String marker = ".conflict-" + sanitiseHost(host) + "-" + STAMP.format(when);
    String folder = key.parent().map(parent -> parent + "/").orElse("");
    String candidate = folder + stem + marker + extension;
    while (utf8Length(candidate) > ObjectKey.MAX_BYTES && stem.length() > 1) {
      stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
      candidate = folder + stem + marker + extension;
    }
    return ObjectKey.of(candidate);
  }

  /** Whether {@code key} names a conflict copy made by {@link #conflictKey}. */
  public boolean isConflictCopy(ObjectKey key) {
    requireNonNull(key, "key is null");
    return COPY_NAME.matcher(key.name()).matches();
  }

  /**
   * The host reduced to letters, digits and single dashes; {@code unknown} when nothing is left.
   */
  static String sanitiseHost(String host) {
    String cleaned = NOT_HOST.matcher(host).replaceAll("-").replaceAll("-{2,}", "-");
    cleaned = cleaned.replaceAll("^-+|-+$", "");
    return cleaned.isEmpty() ? "unknown" : cleaned;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}

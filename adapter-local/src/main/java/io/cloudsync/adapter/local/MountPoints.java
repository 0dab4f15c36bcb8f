package io.cloudsync.adapter.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file systems a tree spans: the one holding its root, and any other mounted inside it. Read
 * from Linux's {@code /proc/self/mountinfo}; where that is missing the root's alone.
 */
final class MountPoints {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private MountPoints() {}

  /**
   * One folder on each file system of the tree under {@code realRoot} (a path with its links
   * resolved): the root first, then the mount points of other devices inside it.
   */
  static List<Path> spannedBy(Path realRoot) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(MOUNTINFO, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return List.of(realRoot);
    }
    return spannedBy(realRoot, lines);
  }

  /**
   * {@link #spannedBy(Path)} for the given lines of a {@code mountinfo} file, read as ISO-8859-1
   * (one char per byte).
   */
  static List<Path> spannedBy(Path realRoot, List<String> mountinfo) {
    String rootDevice = null;
    Path rootMount = null;
    Map<String, Path> inside = new LinkedHashMap<>();
    for (String line : mountinfo) {
      // id parent major:minor root mount-point options ... - type source super-options
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      String device = fields[2];
      Path mountPoint = Path.of(unescape(fields[4]));
      if (realRoot.startsWith(mountPoint)
          && (rootMount == null || mountPoint.getNameCount() >= rootMount.getNameCount())) {
        rootMount = mountPoint;
        rootDevice = device;
      } else if (mountPoint.startsWith(realRoot)) {
        inside.putIfAbsent(device, mountPoint);
      }
    }
    List<Path> spanned = new ArrayList<>();
    spanned.add(realRoot);
    inside.remove(rootDevice);
    spanned.addAll(inside.values());
    return List.copyOf(spanned);
  }

  /**
   * Undoes the octal escapes ({@code \040} for a space) of a mountinfo field read byte for char,
   * then decodes its bytes as UTF-8.
   */
  private static String unescape(String field) {
    byte[] bytes = new byte[field.length()];
    int n = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        bytes[n++] = (byte) Integer.parseInt(field.substring(i + 1, i + 4), 8);
        i += 3;
      } else {
        bytes[n++] = (byte) c;
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  private static boolean isOctal(String text, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= text.length() || text.charAt(i) < '0' || text.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}

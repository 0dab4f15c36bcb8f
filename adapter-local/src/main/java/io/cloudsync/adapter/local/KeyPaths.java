package io.cloudsync.adapter.local;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.InvalidKeyException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Maps keys to files under the root, safely. A key is resolved one segment at a time; a segment
 * that is a symbolic link is followed only when its target stays inside the root and outside the
 * backend's own records, so no key can read or write a file elsewhere. Two names are reserved and
 * refused as keys: {@value #STORE_DIR} at the top (the backend's records) and any segment starting
 * with {@value DurableFiles#TEMP_PREFIX} (files being written).
 */
final class KeyPaths {
  /** The reserved top-level folder that holds sidecars and lock files. */
  static final String STORE_DIR = ".cloudsync-store";

  private final Path root;
  private volatile Path realRoot;

  KeyPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The backend's own folder, {@code <root>/.cloudsync-store}. */
  Path store() {
    return root.resolve(STORE_DIR);
  }

  /** The absolute path of {@code key}, as error messages name it. */
  String location(ObjectKey key) {
    return root.resolve(key.value()).toString();
  }

  /**
   * @throws NotFoundException when the root folder does not exist
   * @throws LocalIoException when a file stands where the root folder should be
   */
  void requireRoot() {
    if (!Files.isDirectory(root)) {
      if (Files.exists(root)) {
        throw new LocalIoException(root.toString(), "root is a file, not a folder");
      }
      throw new NotFoundException(
          root.toString(), "root folder does not exist; create it with 'cloudsync mkbucket'");
    }
  }

  /** The root with every symbolic link resolved; the root must exist. */
  Path realRoot() throws IOException {
    Path real = realRoot;
    if (real == null) {
      real = root.toRealPath();
      realRoot = real;
    }
    return real;
  }

  /**
   * Where a key's file goes, as seen while resolving it.
   *
   * @param file the file of the key
   * @param present whether something (following links) was at {@code file}
   * @param inFolders whether every folder above {@code file} was a folder, not a link
   */
  record Target(Path file, boolean present, boolean inFolders) {}

  /**
   * The file of {@code key}. Nothing needs to exist there.
   *
   * @throws InvalidKeyException when the key uses a reserved name
   * @throws LocalIoException when the path passes through a symbolic link leading out of the root
   */
  Path resolve(ObjectKey key) {
    return resolveTarget(key).file();
  }

  /**
   * {@link #resolve}, telling also what it saw on the way, so that a write need not look again.
   *
   * @throws InvalidKeyException when the key uses a reserved name
   * @throws LocalIoException when the path passes through a symbolic link leading out of the root
   */
  Target resolveTarget(ObjectKey key) {
    String location = location(key);
    List<String> segments = key.segments();
    if (segments.get(0).equals(STORE_DIR)) {
      throw new InvalidKeyException(
          location, "the name '" + STORE_DIR + "' is reserved for the local backend's records");
    }
    for (String segment : segments) {
      if (segment.startsWith(DurableFiles.TEMP_PREFIX)) {
        throw new InvalidKeyException(
            location,
            "names starting with '"
                + DurableFiles.TEMP_PREFIX
                + "' are reserved for files being written");
      }
    }
    Path path = root;
    boolean inFolders = true;
    for (int i = 0; i < segments.size() - 1; i++) {
      path = path.resolve(segments.get(i));
      // Folders above the file are checked in full, dangling or not.
      BasicFileAttributes folder = attributesOfLink(path);
      if (folder != null && folder.isSymbolicLink()) {
        requireInside(path, location);
      }
      inFolders &= folder != null && folder.isDirectory();
    }
    path = path.resolve(segments.getLast());
    // The last segment of a new key is usually missing: ask without an exception first. A
    // dangling link there is harmless: a write renames over the link itself, a read finds nothing.
    boolean present = path.toFile().exists();
    if (present && Files.isSymbolicLink(path)) {
      requireInside(path, location);
    }
    return new Target(path, present, inFolders);
  }

  /** The attributes of {@code path} itself (not of a link's target), or null when unreadable. */
  private static BasicFileAttributes attributesOfLink(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null; // missing (a new folder), or not readable: the writer creates or reports it
    }
  }

  /** Whether {@code link} leads to a regular file inside the root (and outside the records). */
  boolean isLinkToFileInside(Path link) {
    try {
      Path target = link.toRealPath();
      return isInside(target) && Files.isRegularFile(target);
    } catch (IOException e) {
      return false;
    }
  }

  private void requireInside(Path link, String location) {
    try {
      if (isInside(link.toRealPath())) {
        return;
      }
    } catch (NoSuchFileException e) {
      throw new LocalIoException(location, "refused: " + link + " is a dangling symbolic link");
    } catch (IOException e) {
      throw new LocalIoException(
          location, "cannot follow " + link + ": " + DurableFiles.reason(e), e);
    }
    throw new LocalIoException(
        location, "refused: " + link + " is a symbolic link leading out of the root");
  }

  private boolean isInside(Path real) throws IOException {
    Path base = realRoot();
    return real.startsWith(base) && !real.startsWith(base.resolve(STORE_DIR));
  }

  /**
   * Creates the folders above {@code file} as needed, syncing each new entry as {@code durability}
   * says.
   *
   * @param seen what resolving the key found just before, trusted for what it saw: folders in place
   *     need no second look, nor does a target that was absent (a folder appearing there since
   *     makes the final rename fail instead); null to look again at everything
   * @throws InvalidKeyException when a folder of the key is a file, or the key itself is a folder
   */
  void prepareParents(ObjectKey key, Path file, Durability durability, Target seen)
      throws IOException {
    String location = location(key);
    Path dir = root;
    List<String> segments = key.segments();
    int folders = seen != null && seen.inFolders() ? 0 : segments.size() - 1;
    for (int i = 0; i < folders; i++) {
      dir = dir.resolve(segments.get(i));
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Files.createDirectory(dir);
        durability.forceFolder(dir.getParent());
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(dir)) {
          throw new InvalidKeyException(
              location,
              "cannot store this key: '"
                  + root.relativize(dir)
                  + "' is a file, so it cannot also be a folder");
        }
      }
    }
    if ((seen == null || seen.present())
        && file.toFile().isDirectory()
        && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidKeyException(
          location, "cannot store this key: a folder of that name holds other keys");
    }
  }

  /** Removes the folders above {@code file} that became empty, up to the root. */
  void removeEmptyParents(Path file) {
    Path dir = file.getParent();
    while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try {
        Files.delete(dir);
      } catch (IOException e) {
        return; // not empty (or busy): it stays, and so do its parents
      }
      dir = dir.getParent();
    }
  }

  /**
   * The folder a listing of {@code base} (empty, or whole segments ending in {@code /}) starts
   * from, or empty when no key can lie below it.
   */
  Optional<Path> listingBase(String base) {
    if (base.isEmpty()) {
      return Optional.of(root);
    }
    Path dir = root;
    String[] segments = base.substring(0, base.length() - 1).split("/", -1);
    if (segments[0].equals(STORE_DIR)) {
      return Optional.empty();
    }
    for (String segment : segments) {
      if (segment.contains("/") || ObjectKey.validate(segment).isPresent()) {
        return Optional.empty();
      }
      dir = dir.resolve(segment);
      // Listings never follow links to folders: no escape, and no cycles.
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
    }
    return Optional.of(dir);
  }
}

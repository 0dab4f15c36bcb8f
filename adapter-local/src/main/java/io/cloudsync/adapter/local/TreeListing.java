package io.cloudsync.adapter.local;

import io.cloudsync.core.ListEntry;
import io.cloudsync.storage.LocalIoException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A lazy depth-first walk of the files under a prefix. It holds the sorted names of the folders on
 * the current path only (an explicit stack, one frame per open folder), so memory grows with the
 * depth of the tree and the width of one folder, never with the number of files; each file is
 * stat-ed only when the walk reaches it. Names are sorted per folder so two walks of an unchanged
 * tree yield the same order. Symbolic links to folders are not followed (no escape, no cycles).
 */
final class TreeListing implements Iterator<ListEntry> {

  /** Turns one file found by the walk into a listing entry, or empty to skip it. */
  @FunctionalInterface
  interface EntryReader {
    Optional<ListEntry> read(String rawKey, Path file, BasicFileAttributes attributes)
        throws IOException;
  }

  private record Frame(Path dir, String keyPrefix, Iterator<String> names) {}

  private final KeyPaths paths;
  private final String prefix;
  private final EntryReader reader;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private boolean started;
  private ListEntry next;
  private long filesSeen;

  TreeListing(KeyPaths paths, String prefix, EntryReader reader) {
    this.paths = paths;
    this.prefix = prefix;
    this.reader = reader;
  }

  /** How many files the walk has reached so far (for tests of its laziness). */
  long filesSeen() {
    return filesSeen;
  }

  @Override
  public boolean hasNext() {
    if (!started) {
      started = true;
      String base = prefix.substring(0, prefix.lastIndexOf('/') + 1);
      paths.listingBase(base).ifPresent(dir -> push(dir, base));
    }
    while (next == null && !stack.isEmpty()) {
      advance();
    }
    return next != null;
  }

  @Override
  public ListEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ListEntry entry = next;
    next = null;
    return entry;
  }

  private void advance() {
    Frame top = stack.peek();
    if (!top.names().hasNext()) {
      stack.pop();
      return;
    }
    String name = top.names().next();
    String rawKey = top.keyPrefix() + name;
    Path path = top.dir().resolve(name);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        push(path, rawKey + "/");
        return;
      }
      filesSeen++;
      next = reader.read(rawKey, path, attributes).orElse(null);
    } catch (NoSuchFileException e) {
      // Removed since the folder was read: it is simply not listed.
    } catch (IOException e) {
      throw new LocalIoException(path.toString(), "cannot list: " + DurableFiles.reason(e), e);
    }
  }

  private void push(Path dir, String keyPrefix) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (wanted(keyPrefix, name)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return;
    } catch (IOException e) {
      throw new LocalIoException(
          dir.toString(), "cannot list the folder: " + DurableFiles.reason(e), e);
    }
    names.sort(null);
    stack.push(new Frame(dir, keyPrefix, names.iterator()));
  }

  private boolean wanted(String keyPrefix, String name) {
    if (name.startsWith(DurableFiles.TEMP_PREFIX)) {
      return false;
    }
    if (keyPrefix.isEmpty() && name.equals(KeyPaths.STORE_DIR)) {
      return false;
    }
    // Below the prefix's own folder every name matches; in that folder, the name must continue
    // the prefix's last, partial segment.
    return keyPrefix.length() >= prefix.length()
        || name.startsWith(prefix.substring(keyPrefix.length()));
  }
}

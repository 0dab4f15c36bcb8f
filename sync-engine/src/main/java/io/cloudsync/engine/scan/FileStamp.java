package io.cloudsync.engine.scan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Size, modification time and identity of a file: what the fast path compares against the journal
 * and what is re-checked after hashing, after uploading and before replacing a file.
 *
 * <p>The identity is the attributes' {@code fileKey}, which on Unix is the (device, inode) pair:
 * the inode of {@code unix:ino} plus the device, read in the same {@code stat} as size and mtime.
 *
 * @param size the length
 * @param mtimeMillis the modification time
 * @param identity the file key, when the filesystem has one
 */
public record FileStamp(long size, long mtimeMillis, Optional<String> identity) {

  /** Validates the fields. */
  public FileStamp {
    requireNonNull(identity, "identity is null");
  }

  /** The stamp of {@code attrs}. */
  public static FileStamp of(BasicFileAttributes attrs) {
    return new FileStamp(
        attrs.size(),
        attrs.lastModifiedTime().toMillis(),
        Optional.ofNullable(attrs.fileKey()).map(Object::toString));
  }

  /** The stamp of the regular file at {@code path}, or empty if nothing regular is there. */
  public static Optional<FileStamp> read(Path path) throws IOException {
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attrs.isRegularFile() ? Optional.of(of(attrs)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}

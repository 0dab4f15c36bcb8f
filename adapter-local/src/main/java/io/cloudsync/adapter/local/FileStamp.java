package io.cloudsync.adapter.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What identifies one stored version of a file on disk: size, modification time, inode and status
 * change time. Our atomic rename always brings a new inode, and any edit by another program moves
 * the change time, so a stamp that still matches the one recorded at write time proves that the
 * file is the version we wrote.
 *
 * @param size the length in bytes
 * @param modifiedNanos the modification time, in nanoseconds since the epoch
 * @param fileId the inode number (or the platform's file key), empty when unknown
 * @param changedNanos the status change time (ctime), 0 when unknown
 */
record FileStamp(long size, long modifiedNanos, String fileId, long changedNanos) {

  private static final String UNIX_ATTRIBUTES =
      "unix:size,lastModifiedTime,ino,ctime,isRegularFile";
  private static volatile boolean unixView = true;

  FileStamp {
    requireNonNull(fileId, "fileId is null");
  }

  /** When the content was last modified. */
  Instant modified() {
    return Instant.EPOCH.plusNanos(modifiedNanos);
  }

  /** The version token of a file this backend did not write (or whose record is stale). */
  String externalToken() {
    return "ext-" + fileId + "-" + modifiedNanos + "-" + changedNanos + "-" + size;
  }

  /**
   * The stamp of the regular file at {@code file} (following a final symbolic link), or empty when
   * nothing or something else (a folder, a socket) is there.
   */
  static Optional<FileStamp> read(Path file) throws IOException {
    try {
      if (unixView) {
        try {
          return fromUnix(Files.readAttributes(file, UNIX_ATTRIBUTES));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
          unixView = false;
        }
      }
      BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
      if (!basic.isRegularFile()) {
        return Optional.empty();
      }
      Object key = basic.fileKey();
      return Optional.of(
          new FileStamp(
              basic.size(),
              nanos(basic.lastModifiedTime()),
              key == null ? "" : key.toString(),
              nanos(basic.creationTime())));
    } catch (NoSuchFileException | NotDirectoryException e) {
      return Optional.empty();
    }
  }

  private static Optional<FileStamp> fromUnix(Map<String, Object> attributes) {
    if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
      return Optional.empty();
    }
    return Optional.of(
        new FileStamp(
            (Long) attributes.get("size"),
            nanos((FileTime) attributes.get("lastModifiedTime")),
            String.valueOf(attributes.get("ino")),
            nanos((FileTime) attributes.get("ctime"))));
  }

  private static long nanos(FileTime time) {
    return time == null ? 0 : time.to(TimeUnit.NANOSECONDS);
  }
}

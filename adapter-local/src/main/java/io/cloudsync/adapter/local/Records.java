package io.cloudsync.adapter.local;

import io.cloudsync.core.ObjectKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the record of each stored file lives. Where the file system has user extended attributes
 * (ext4, XFS, Btrfs, APFS, tmpfs on recent kernels), the record is an attribute of the file itself,
 * set on the temp file before the rename: the rename then publishes content and record in one step,
 * a listing reads it with one call, and nothing else is created per object. Where they are missing,
 * or refuse a record (too large), the record goes to the {@link SidecarStore} after the rename, as
 * stores written before records moved into attributes have it too; reading tries the attribute
 * first and falls back to the sidecar while sidecars may exist.
 *
 * <p>An attribute record carries no file identity or change time (both differ between the temp file
 * and the renamed one, and setting the attribute itself moves the change time): it matches while
 * size and modification time do. An edit in place moves the modification time; an editor that saves
 * by rename makes a new file without the attribute; a copy that keeps attributes keeps content and
 * hash together. Either way the record never vouches for bytes it did not describe.
 */
final class Records {
  /** The attribute's name; {@code user.cloudsync} on Linux. */
  static final String ATTRIBUTE = "cloudsync";

  private static final int READ_BUFFER = 8192;

  private final SidecarStore sidecars;
  private final Path metaDir;
  private volatile boolean attributes;
  private volatile boolean sidecarsSeen;

  /**
   * @param storeDir the backend's own folder, {@code <root>/.cloudsync-store}
   * @param attributes whether to try extended attributes at all (off: sidecars only)
   * @param durability when sidecar changes are flushed
   */
  Records(Path storeDir, boolean attributes, Durability durability) {
    this.sidecars = new SidecarStore(storeDir, durability);
    this.metaDir = storeDir.resolve("meta");
    this.attributes = attributes;
  }

  /**
   * The record of the file stored under {@code key}, or empty when it has none. A sidecar's record
   * still has to be checked against the file's stamp; an attribute's too (see the class comment).
   */
  Optional<Sidecar> read(ObjectKey key, Path file) throws IOException {
    if (attributes) {
      Optional<Sidecar> own = readAttribute(key, file);
      if (own.isPresent()) {
        return own;
      }
    }
    return sidecarsMayExist() ? sidecars.read(key) : Optional.empty();
  }

  /**
   * Whether records of {@code key} may live in a sidecar, which a writer fills after its rename.
   */
  boolean usesSidecars() {
    return sidecarsMayExist();
  }

  /**
   * Sets {@code record} on the temp file that is about to become {@code key}'s content.
   *
   * @return whether the record is attached; when not, call {@link #afterRename} with it
   */
  boolean attach(Path temp, Sidecar record) {
    if (!attributes) {
      return false;
    }
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(temp, UserDefinedFileAttributeView.class);
    if (view == null) {
      attributes = false;
      return false;
    }
    try {
      view.write(ATTRIBUTE, ByteBuffer.wrap(record.encodeAttribute()));
      return true;
    } catch (UnsupportedOperationException e) {
      attributes = false;
      return false;
    } catch (IOException e) {
      if (unsupported(e)) {
        attributes = false;
      }
      // Too large for an attribute, or the file system's attribute space is full: a sidecar.
      return false;
    }
  }

  /**
   * Completes a write after its rename: writes the sidecar when the record is not attached, and
   * otherwise removes a sidecar left from an earlier write, which would otherwise describe a file
   * that no longer exists.
   */
  void afterRename(ObjectKey key, Sidecar record, boolean attached) throws IOException {
    if (!attached) {
      sidecarsSeen = true;
      sidecars.write(key, record);
    } else if (sidecarsMayExist()) {
      sidecars.delete(key);
    }
  }

  /** Forgets the record of a deleted key. */
  void delete(ObjectKey key) throws IOException {
    if (sidecarsMayExist()) {
      sidecars.delete(key);
    }
  }

  private Optional<Sidecar> readAttribute(ObjectKey key, Path file) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      attributes = false;
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    try {
      view.read(ATTRIBUTE, buffer);
    } catch (UnsupportedOperationException e) {
      attributes = false;
      return Optional.empty();
    } catch (FileSystemException e) {
      // No such attribute (a file another program wrote), or the file just went away.
      return Optional.empty();
    }
    byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
    return Sidecar.decodeAttribute(key.value(), bytes);
  }

  /** Once seen, sidecars stay possible; until then one check of the folder (another writer). */
  private boolean sidecarsMayExist() {
    if (!sidecarsSeen && Files.isDirectory(metaDir)) {
      sidecarsSeen = true;
    }
    return sidecarsSeen;
  }

  private static boolean unsupported(IOException e) {
    String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
    return reason != null && reason.contains("not supported");
  }
}

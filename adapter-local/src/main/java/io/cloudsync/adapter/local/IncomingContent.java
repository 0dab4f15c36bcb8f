package io.cloudsync.adapter.local;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.HashingInputStream;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.LocalIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Content received for a write: a temp file beside its target (synced, unless a batch defers it),
 * not yet visible under any key, the SHA-256 of its bytes, and whether its record is attached to
 * it.
 *
 * @param temp the temp file, in the target's folder so that the final rename is atomic
 * @param hash the SHA-256 of the bytes received
 * @param attachedStamp the stamp in the record the {@link Attacher} attached to the temp file, or
 *     empty when it attached none
 */
record IncomingContent(Path temp, ContentHash hash, Optional<FileStamp> attachedStamp) {
  private static final int BUFFER = 256 * 1024;

  /** Attaches the record of the received bytes to the temp file, before it is synced. */
  @FunctionalInterface
  interface Attacher {
    /**
     * @return the stamp in the attached record (size and modification time, which the rename
     *     keeps), or empty when the record is not attached
     */
    Optional<FileStamp> attach(Path temp, ContentHash hash) throws IOException;
  }

  /** Whether the record is attached to the file. */
  boolean attached() {
    return attachedStamp.isPresent();
  }

  /**
   * Streams exactly {@code length} bytes into a new temp file beside the target, synced as {@code
   * durability} says, checks them against the declared hash, if any, and lets {@code attacher}
   * attach their record. On failure nothing is left behind.
   */
  static IncomingContent receive(
      KeyPaths paths,
      ObjectKey key,
      KeyPaths.Target target,
      InputStream content,
      long length,
      Optional<ContentHash> declared,
      Attacher attacher,
      Durability durability,
      boolean creates)
      throws IOException {
    Path file = target.file();
    FileChannel out = null;
    Path temp = null;
    for (int attempt = 1; out == null; attempt++) {
      // What resolving the key saw is trusted once; after a failure everything is looked at again.
      paths.prepareParents(key, file, durability, attempt == 1 ? target : null);
      temp = DurableFiles.tempBeside(file);
      try {
        out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (NoSuchFileException e) {
        // A delete removed the folder as it became empty; create it again.
        if (attempt == 5) {
          throw e;
        }
      }
    }
    boolean done = false;
    try (FileChannel channel = out) {
      HashingInputStream in = ContentHasher.sha256().hashing(content);
      byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
      long remaining = length;
      while (remaining > 0) {
        int n;
        try {
          n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        } catch (IOException e) {
          throw new LocalIoException(
              paths.location(key),
              "cannot read the content to store: "
                  + DurableFiles.reason(e)
                  + "; nothing was stored",
              e);
        }
        if (n < 0) {
          throw new LocalIoException(
              paths.location(key),
              "the content ended after %d of %d bytes; nothing was stored"
                  .formatted(length - remaining, length));
        }
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          channel.write(chunk);
        }
        remaining -= n;
      }
      ContentHash hash = in.hash();
      Conditions.requireDeclaredHash(declared, hash, paths.location(key));
      Optional<FileStamp> attached = attacher.attach(temp, hash);
      // One sync covers the bytes and the attached record (both belong to the file's inode).
      durability.forceFile(channel, creates);
      done = true;
      return new IncomingContent(temp, hash, attached);
    } finally {
      if (!done) {
        DurableFiles.deleteQuietly(temp);
      }
    }
  }
}

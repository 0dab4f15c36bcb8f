package io.cloudsync.adapter.local;

import io.cloudsync.core.io.FileSystemFlush;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The calls that push the backend's changes to stable storage: one file, one folder's entries, or a
 * whole file system at once. {@link #SYSTEM} makes them; tests count them.
 */
interface Flushes {
  /** fsync of files and folders, and syncfs where it exists. */
  Flushes SYSTEM =
      new Flushes() {
        @Override
        public void forceFile(FileChannel channel) throws IOException {
          channel.force(true);
        }

        @Override
        public void forceFolder(Path dir) throws IOException {
          DurableFiles.fsyncDirectory(dir);
        }

        @Override
        public boolean canFlushFileSystems() {
          return FileSystemFlush.available();
        }

        @Override
        public FileSystemFlush.Handle openFileSystem(Path onIt) throws IOException {
          return FileSystemFlush.open(onIt);
        }

        @Override
        public Optional<String> unflushedScope(Collection<Path> fileSystems) {
          return FileSystemFlush.unflushedScope(fileSystems);
        }
      };

  /** Flushes the content and attributes of an open file. */
  void forceFile(FileChannel channel) throws IOException;

  /** Flushes a folder's entries (new names, renames, removals). */
  void forceFolder(Path dir) throws IOException;

  /** Whether {@link #openFileSystem} works here. */
  boolean canFlushFileSystems();

  /**
   * Opens the file system holding {@code onIt} for flushes of everything written to it, of every
   * file on it; each flush also reports write-back failures since the open.
   */
  FileSystemFlush.Handle openFileSystem(Path onIt) throws IOException;

  /**
   * The name of the state unflushed writes to {@code fileSystems} wait in ({@link
   * FileSystemFlush#unflushedScope}), empty where there is none.
   */
  Optional<String> unflushedScope(Collection<Path> fileSystems);
}

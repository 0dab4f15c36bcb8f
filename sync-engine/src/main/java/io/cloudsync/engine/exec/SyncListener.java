package io.cloudsync.engine.exec;

import io.cloudsync.core.SyncOperation;

/** Follows a run, for progress displays. Called from many threads at once. */
public interface SyncListener {

  /** Nothing is followed. */
  SyncListener NONE = new SyncListener() {};

  /** The plan is made: {@code actions} actions moving {@code bytes} bytes. */
  default void planned(int actions, long bytes) {}

  /** {@code bytes} more bytes moved. */
  default void transferred(long bytes) {}

  /** One action finished (or failed). */
  default void done(SyncOperation operation) {}
}

package io.cloudsync.engine.exec;

import java.io.InputStream;

/** Tells the listener about bytes as they pass. */
final class CountingInputStream extends ReadObservingInputStream {
  private final SyncListener listener;

  CountingInputStream(InputStream in, SyncListener listener) {
    super(in);
    this.listener = listener;
  }

  @Override
  void bytesRead(int n) {
    listener.transferred(n);
  }
}

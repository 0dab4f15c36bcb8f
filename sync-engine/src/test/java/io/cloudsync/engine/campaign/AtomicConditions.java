package io.cloudsync.engine.campaign;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.engine.support.ForwardingBackend;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes conditional writes and deletes through it atomic, as S3 makes them, for a test server that
 * does not: S3Proxy 4.1 answers {@code If-Match} and {@code If-None-Match} by reading the object's
 * metadata before it stores the new one (its handler's {@code checkConditionalWrite}), so two
 * writers in the same instant can both pass the check and the second silently replaces the first.
 * Amazon S3 evaluates the condition and stores in one step. Every client of the test bucket goes
 * through one instance, so holding a lock across each conditional call restores that guarantee.
 */
final class AtomicConditions extends ForwardingBackend {
  private final ReentrantLock lock = new ReentrantLock();

  AtomicConditions(StorageBackend inner) {
    super(inner);
  }

  @Override
  public RemoteFile write(
      ObjectKey key, InputStream in, long len, Map<String, String> meta, WriteCondition c) {
    if (c == WriteCondition.UNCONDITIONAL) {
      return super.write(key, in, len, meta, c);
    }
    lock.lock();
    try {
      return super.write(key, in, len, meta, c);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void delete(ObjectKey key, WriteCondition c) {
    if (c == WriteCondition.UNCONDITIONAL) {
      super.delete(key, c);
      return;
    }
    lock.lock();
    try {
      super.delete(key, c);
    } finally {
      lock.unlock();
    }
  }
}

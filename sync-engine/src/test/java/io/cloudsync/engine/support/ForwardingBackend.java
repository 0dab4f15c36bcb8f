package io.cloudsync.engine.support;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Passes every call on; subclasses intercept some. */
public class ForwardingBackend implements StorageBackend {
  protected final StorageBackend inner;

  /** Wraps {@code inner}. */
  public ForwardingBackend(StorageBackend inner) {
    this.inner = inner;
  }

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    return inner.listEntries(prefix);
  }

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    return inner.stat(key);
  }

  @Override
  public InputStream read(ObjectKey key) {
    return inner.read(key);
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    return inner.read(key, range);
  }

  @Override
  public RemoteFile write(
      ObjectKey key, InputStream in, long len, Map<String, String> meta, WriteCondition c) {
    return inner.write(key, in, len, meta, c);
  }

  @Override
  public void delete(ObjectKey key, WriteCondition c) {
    inner.delete(key, c);
  }

  @Override
  public BackendDescription describe() {
    return inner.describe();
  }

  @Override
  public String location(ObjectKey key) {
    return inner.location(key);
  }

  @Override
  public void close() {
    inner.close();
  }
}

package io.cloudsync.storage;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import java.io.InputStream;
import java.util.stream.Stream;

/** A backend that keeps earlier versions of objects (S3 versioning, GCS generations). */
public interface SupportsVersions {

  /** Every stored version of {@code key}, newest first. */
  Stream<RemoteFile> listVersions(ObjectKey key);

  /**
   * Opens one earlier version.
   *
   * @throws NotFoundException when that version does not exist
   */
  InputStream read(ObjectKey key, VersionToken version);
}

package io.cloudsync.storage;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;

/** A backend that copies objects without moving their bytes through the client. */
public interface SupportsCopy {

  /**
   * Copies {@code source} (content and metadata) to {@code target}, if {@code condition} holds on
   * the target.
   *
   * @throws NotFoundException when {@code source} does not exist
   * @throws PreconditionFailedException when the condition on {@code target} does not hold
   */
  RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition);
}

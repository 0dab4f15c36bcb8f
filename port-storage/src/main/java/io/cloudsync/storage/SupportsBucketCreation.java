package io.cloudsync.storage;

/** A backend that can create its own bucket, container or root folder ({@code mkbucket}). */
public interface SupportsBucketCreation {

  /**
   * Creates the bucket, container or root. Succeeds when it exists already and is ours.
   *
   * @return {@code true} if it was created, {@code false} if it already existed
   */
  boolean createBucket();
}

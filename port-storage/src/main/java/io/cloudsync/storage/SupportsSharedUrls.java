package io.cloudsync.storage;

import io.cloudsync.core.ObjectKey;
import java.net.URI;
import java.time.Duration;

/** A backend that can hand out time-limited URLs to read an object without credentials. */
public interface SupportsSharedUrls {

  /** A URL that reads {@code key} for {@code validFor}. */
  URI sharedUrl(ObjectKey key, Duration validFor);
}

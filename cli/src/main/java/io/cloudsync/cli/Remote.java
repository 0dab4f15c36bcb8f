package io.cloudsync.cli;

import static java.util.Objects.requireNonNull;

import io.cloudsync.storage.BackendUri;

/**
 * The backend a command talks to, and where that choice came from.
 *
 * @param uri the backend URI (a local folder's path is absolute)
 * @param source where it was chosen
 */
record Remote(BackendUri uri, Source source) {

  /** Where a remote was chosen, in order of precedence. */
  enum Source {
    FLAG("--remote"),
    ENVIRONMENT("CLOUDSYNC_REMOTE"),
    CONFIG_FILE("cloudsync.yaml"),
    DEFAULT("the default");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  Remote {
    requireNonNull(uri, "uri is null");
    requireNonNull(source, "source is null");
  }

  boolean isDefault() {
    return source == Source.DEFAULT;
  }
}

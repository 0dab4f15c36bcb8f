package io.cloudsync.adapter.s3;

import java.io.IOException;

/**
 * The content given to a write broke its promise: it ended before its declared length, or its bytes
 * do not match the SHA-256 declared in its metadata (the file changed while it was read). Thrown
 * from inside the request body so that the request is cut short and nothing is stored.
 */
final class SourceStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  SourceStreamException(String message) {
    super(message);
  }
}

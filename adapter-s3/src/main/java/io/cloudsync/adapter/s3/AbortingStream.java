package io.cloudsync.adapter.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An object's content that, when closed before its end, aborts the connection instead of draining
 * the rest of the object (which for a large object would mean downloading it all to close it).
 */
final class AbortingStream extends FilterInputStream {
  private final ResponseInputStream<?> response;
  private boolean ended;

  AbortingStream(ResponseInputStream<?> response) {
    super(response);
    this.response = response;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    ended |= b < 0;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    ended |= n < 0;
    return n;
  }

  @Override
  public void close() throws IOException {
    if (!ended) {
      response.abort();
    }
    super.close();
  }
}

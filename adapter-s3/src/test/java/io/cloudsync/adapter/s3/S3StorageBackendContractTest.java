package io.cloudsync.adapter.s3;

import io.cloudsync.storage.StorageBackend;
import io.cloudsync.testkit.StorageBackendContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The port's contract against S3Proxy over HTTP with SigV4, objects kept on disk so that the large
 * round trip measures this client's heap, not the server's. Small parts make the 256 MiB object
 * travel in many parallel parts.
 */
class S3StorageBackendContractTest extends StorageBackendContract {
  private static S3StorageBackend shared;

  @Override
  protected StorageBackend backend() {
    return shared();
  }

  private static synchronized S3StorageBackend shared() {
    if (shared == null) {
      shared = S3ProxyServer.onDisk().openFresh("root", Map.of());
    }
    return shared;
  }

  @AfterAll
  static void closeBackend() {
    synchronized (S3StorageBackendContractTest.class) {
      if (shared != null) {
        shared.close();
        shared = null;
      }
    }
  }

  /**
   * An S3 version token is the ETag, the MD5 of the content for a single upload: S3 (without bucket
   * versioning) gives identical content the same ETag, so a rewrite or copy of the same bytes keeps
   * the token. Any change of content still changes it.
   */
  @Override
  protected boolean versionTokenFollowsContent() {
    return true;
  }

  /**
   * S3Proxy evaluates {@code If-Match} by reading the stored ETag and then writing, in two steps,
   * so two racing writers with the same base can both succeed there (seen in this suite). Amazon S3
   * decides conditional writes atomically; the conditions themselves are checked by the other
   * cases.
   */
  @Override
  protected boolean conditionalWritesAreAtomic() {
    return false;
  }

  @Override
  protected boolean plantRawObject(String rawName, byte[] content) {
    S3StorageBackend backend = shared();
    try {
      backend
          .client()
          .putObject(
              r -> r.bucket(backend.config().bucket()).key("root/" + rawName),
              RequestBody.fromBytes(content));
      return true;
    } catch (RuntimeException e) {
      // S3Proxy's HTTP layer normalises dot segments and double slashes before checking the
      // signature, so such names cannot be planted through it.
      return false;
    }
  }
}

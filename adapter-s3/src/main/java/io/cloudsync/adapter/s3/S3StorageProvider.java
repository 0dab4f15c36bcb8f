package io.cloudsync.adapter.s3;

import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProvider;
import java.util.Set;

/**
 * Serves {@code s3://bucket/prefix}: Amazon S3 and S3-compatible stores (MinIO, Ceph, Cloudflare
 * R2, Supabase Storage) through the AWS SDK v2. Settings are described by {@link S3Config};
 * credentials come from the SDK's default chain, never from the configuration.
 */
public final class S3StorageProvider implements StorageProvider {

  /** For {@link java.util.ServiceLoader}. */
  public S3StorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public String description() {
    return "Amazon S3 and S3-compatible stores";
  }

  @Override
  public StorageBackend open(BackendConfig config) {
    S3Config s3 = S3Config.from(config);
    return new S3StorageBackend(
        s3, new S3ClientFactory(s3, ConfiguredCredentials.from(config, s3.profile())));
  }
}

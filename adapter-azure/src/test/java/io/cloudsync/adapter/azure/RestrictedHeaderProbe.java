package io.cloudsync.adapter.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.storage.BackendConfig;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageProviders;
import io.cloudsync.storage.WriteCondition;
import java.io.ByteArrayInputStream;
import java.util.Map;

/**
 * Run in a JVM started without {@code -Djdk.httpclient.allowRestrictedHeaders}: {@code adapter
 * az://container} uploads through the provider, {@code raw <container>} through the bare SDK; both
 * print the property's value afterwards.
 */
public final class RestrictedHeaderProbe {
  private RestrictedHeaderProbe() {}

  public static void main(String[] args) throws Exception {
    String connection = System.getenv("AZURE_STORAGE_CONNECTION_STRING");
    if (args[0].equals("raw")) {
      new BlobServiceClientBuilder()
          .connectionString(connection)
          .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
          .buildClient()
          .getBlobContainerClient(args[1])
          .getBlobClient("raw.txt")
          .upload(BinaryData.fromString("raw"), true);
    } else {
      try (StorageBackend backend =
          StorageProviders.load()
              .open(
                  new BackendConfig(
                      io.cloudsync.storage.BackendUri.parse(args[1]), Map.of(), System.getenv()))) {
        backend.write(
            ObjectKey.of("probe.txt"),
            new ByteArrayInputStream(new byte[] {1, 2, 3}),
            3,
            Map.of(),
            WriteCondition.UNCONDITIONAL);
      }
    }
    System.out.println(
        "uploaded; jdk.httpclient.allowRestrictedHeaders="
            + System.getProperty("jdk.httpclient.allowRestrictedHeaders"));
  }
}

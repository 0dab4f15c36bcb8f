package io.cloudsync.adapter.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.testkit.StorageBackendContract;
import io.cloudsync.testkit.azurite.AzuriteExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance suite against Azurite over HTTP, through the official SDK. */
class AzureStorageBackendContractTest extends StorageBackendContract {

  @RegisterExtension static final AzuriteExtension AZURITE = AzuriteExtension.shared();

  private static final String CONTAINER = AzuriteBackends.freshContainer();
  private static final String ROOT = "suite";
  private static AzureStorageBackend backend;

  @Override
  protected synchronized StorageBackend backend() {
    if (backend == null) {
      backend = AzuriteBackends.open(AZURITE, CONTAINER, ROOT, Map.of());
    }
    return backend;
  }

  @AfterAll
  static void closeBackend() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  /** Plants a blob with the raw SDK; true only if the service kept the name exactly. */
  @Override
  protected boolean plantRawObject(String rawName, byte[] content) {
    backend();
    BlobContainerClient raw =
        new BlobServiceClientBuilder()
            .connectionString(AZURITE.connectionString())
            .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
            .buildClient()
            .getBlobContainerClient(CONTAINER);
    String name = ROOT + "/" + rawName;
    raw.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
    return raw.listBlobs(new ListBlobsOptions().setPrefix(name), null).stream()
        .anyMatch(item -> item.getName().equals(name));
  }
}

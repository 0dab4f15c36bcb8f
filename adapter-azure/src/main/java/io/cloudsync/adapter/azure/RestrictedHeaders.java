package io.cloudsync.adapter.azure;

import java.util.Locale;

/**
 * Lets the JDK's HTTP client send the {@code Content-Length} header the Azure SDK sets. A class of
 * its own, holding nothing of the SDK: the provider calls it while the providers are being loaded,
 * for every command, and loading {@link AzureClients} there pulled in SDK classes for nothing.
 */
final class RestrictedHeaders {
  /** The property listing the restricted headers the JDK's HTTP client may send. */
  static final String PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

  private RestrictedHeaders() {}

  /**
   * Adds {@code content-length} to {@link #PROPERTY}. The JDK reads the property once, when its
   * HTTP client classes initialise, so this must run before the first {@code java.net.http} request
   * in the JVM; the start script also passes it on the command line.
   */
  static void allowContentLength() {
    synchronized (System.getProperties()) {
      String current = System.getProperty(PROPERTY);
      if (current == null || current.isBlank()) {
        System.setProperty(PROPERTY, "content-length");
      } else if (!current.toLowerCase(Locale.ROOT).contains("content-length")) {
        System.setProperty(PROPERTY, current + ",content-length");
      }
    }
  }
}

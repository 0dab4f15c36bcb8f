package io.cloudsync.cli;

import io.cloudsync.core.ContentHasher;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code cloudsync --version}: the release, the Java runtime and the SHA-256 implementation. */
final class VersionInfo implements CommandLine.IVersionProvider {

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // An unreadable resource means a broken jar; the version is then unknown, nothing worse.
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "cloudsync " + version(),
      "Java "
          + Runtime.version()
          + " ("
          + System.getProperty("java.vendor", "unknown vendor")
          + "), "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch"),
      "SHA-256: " + ContentHasher.sha256Implementation()
    };
  }
}

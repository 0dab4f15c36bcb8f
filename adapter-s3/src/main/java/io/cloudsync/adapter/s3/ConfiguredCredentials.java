package io.cloudsync.adapter.s3;

import io.cloudsync.storage.BackendConfig;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Chooses where credentials come from. The environment a provider was given ({@link
 * BackendConfig#env}) is read first, the way the SDK reads the process environment, so that tests
 * and embedders can pass their own; then a named profile; then the SDK's default chain (process
 * environment, system properties, shared files, web identity, container and instance roles).
 * Nothing here keeps or prints a secret: the SDK's credential objects redact their {@code
 * toString}.
 */
final class ConfiguredCredentials {
  private ConfiguredCredentials() {}

  static AwsCredentialsProvider from(BackendConfig config, Optional<String> profile) {
    Optional<String> id = config.env("AWS_ACCESS_KEY_ID");
    Optional<String> secret = config.env("AWS_SECRET_ACCESS_KEY");
    if (id.isPresent() && secret.isPresent()) {
      Optional<String> token = config.env("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          token.isPresent()
              ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
              : AwsBasicCredentials.create(id.get(), secret.get()));
    }
    if (profile.isPresent()) {
      return ProfileCredentialsProvider.builder().profileName(profile.get()).build();
    }
    Optional<String> envProfile = config.env("AWS_PROFILE");
    if (envProfile.isPresent()) {
      return ProfileCredentialsProvider.builder().profileName(envProfile.get()).build();
    }
    return DefaultCredentialsProvider.builder().build();
  }
}

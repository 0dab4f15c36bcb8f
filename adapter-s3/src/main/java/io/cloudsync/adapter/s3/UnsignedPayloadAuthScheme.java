package io.cloudsync.adapter.s3;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 whose request bodies go unsigned ({@code x-amz-content-sha256: UNSIGNED-PAYLOAD}) on plain
 * HTTP endpoints too, as the SDK already sends them over HTTPS and as rclone sends them everywhere.
 * Over HTTP the SDK otherwise signs every body, streaming it as {@code aws-chunked} with a
 * signature per 128 KiB chunk: one more SHA-256 pass over every byte sent, and as much again on the
 * server, which must check each chunk (measured against S3Proxy: a 640 MiB upload cost the server
 * twice the CPU it costs for rclone's). The headers, the URL and the credentials are signed exactly
 * as before; the content's integrity rests on cloudsync's own SHA-256, checked against the source
 * while it is sent and against {@code cloudsync-sha256} on every download.
 *
 * <p>The SDK decides to sign the body from the request's scheme, so the request is signed as if it
 * went over HTTPS and then handed back with its own scheme. Neither is part of the signature; the
 * host header is, so the trick is used only where the port is explicit (the default port of the
 * other scheme would otherwise change the host header the signature covers).
 */
final class UnsignedPayloadAuthScheme implements AwsV4AuthScheme {
  private final AwsV4AuthScheme standard = AwsV4AuthScheme.create();

  @Override
  public String schemeId() {
    return SCHEME_ID;
  }

  @Override
  public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
    return standard.identityProvider(providers);
  }

  @Override
  public AwsV4HttpSigner signer() {
    return new Signer(standard.signer());
  }

  /** Whether {@code request} is signed with an unsigned body by this scheme. */
  static boolean unsignedBody(SdkHttpRequest request) {
    return "http".equals(request.protocol()) && request.port() != 80 && request.port() != 443;
  }

  private record Signer(AwsV4HttpSigner standard) implements AwsV4HttpSigner {
    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
      SdkHttpRequest http = request.request();
      if (!unsignedBody(http)) {
        return standard.sign(request);
      }
      SignRequest<? extends AwsCredentialsIdentity> asHttps =
          request.copy(
              b ->
                  b.request(http.toBuilder().protocol("https").port(http.port()).build())
                      .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                      .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false));
      SignedRequest signed = standard.sign(asHttps);
      SdkHttpRequest back =
          signed.request().toBuilder().protocol(http.protocol()).port(http.port()).build();
      return signed.copy(b -> b.request(back));
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(
        AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
      return standard.signAsync(request);
    }
  }
}

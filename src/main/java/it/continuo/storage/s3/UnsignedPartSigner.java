package it.continuo.storage.s3;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signature V4 that leaves the body of a multipart part out of the signature ({@code
 * UNSIGNED-PAYLOAD}), over HTTPS and over plain HTTP alike; every other request is signed as the
 * SDK signs it.
 *
 * <p>Over HTTPS the SDK sends S3 bodies unsigned by itself, and this signer changes nothing there.
 * Over plain HTTP the SDK's signer signs every body with its SHA-256, whatever it is told. That
 * costs a pass over each part on both sides, and makes S3Proxy read a whole part into memory to
 * check the hash before it stores it. The parts are nearly all the bytes a backup sends, and their
 * integrity does not rest on that hash: each carries a CRC32C that the service checks ({@code
 * BadDigest}, transient, when the bytes were damaged on the way) and echoes back, and {@link
 * Bucket} compares the echo. The headers, the CRC32C among them, stay signed, so the secret key is
 * still proved on every request.
 *
 * <p>Other bodies (single puts of small objects, the list of parts that completes an upload) stay
 * signed. They are small, and a service that refuses a signed body (no such bucket) has read it
 * whole first, so the connection stays clean for the next request; a refused unsigned body is left
 * unread, and the server may then close a connection the client still holds as reusable.
 *
 * <p>What plain HTTP gives up, with or without this signer, is secrecy and protection against a
 * party on the path who rewrites both a body and its CRC32C: plain HTTP is for a service on a
 * network one trusts, such as a NAS on the office LAN. An encrypted target ({@code encryptTo})
 * keeps its content unreadable, and a manifest records the SHA-256 of its archive, which verify
 * checks.
 */
final class UnsignedPartSigner implements HttpSigner<AwsCredentialsIdentity> {
  private final AwsV4HttpSigner v4 = AwsV4HttpSigner.create();

  /** The SigV4 scheme with this signer, to replace the client's default one. */
  static AuthScheme<AwsCredentialsIdentity> scheme() {
    UnsignedPartSigner signer = new UnsignedPartSigner();
    return new AuthScheme<>() {
      @Override
      public String schemeId() {
        return AwsV4AuthScheme.SCHEME_ID;
      }

      @Override
      public IdentityProvider<AwsCredentialsIdentity> identityProvider(
          IdentityProviders providers) {
        return providers.identityProvider(AwsCredentialsIdentity.class);
      }

      @Override
      public HttpSigner<AwsCredentialsIdentity> signer() {
        return signer;
      }
    };
  }

  @Override
  public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
    SdkHttpRequest http = request.request();
    if (!isPart(http)) {
      return v4.sign(request);
    }
    boolean plain = "http".equalsIgnoreCase(http.protocol());
    // The SDK's signer signs every payload sent over plain HTTP, so a part is signed as if it went
    // over HTTPS: the protocol is no part of a signature, the Host header is (kept as plain HTTP
    // writes it, with the port unless it is 80).
    SdkHttpRequest signedAs =
        plain
            ? http.toBuilder().protocol("https").putHeader("Host", hostHeader(http)).build()
            : http;
    SignedRequest signed =
        v4.sign(
            request.toBuilder()
                .request(signedAs)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .build());
    if (!plain) {
      return signed;
    }
    return signed.toBuilder()
        .request(signed.request().toBuilder().protocol(http.protocol()).build())
        .build();
  }

  /** An UploadPart: a PUT naming the upload and the part's number. */
  static boolean isPart(SdkHttpRequest http) {
    return http.method() == SdkHttpMethod.PUT
        && http.firstMatchingRawQueryParameter("uploadId").isPresent()
        && http.firstMatchingRawQueryParameter("partNumber").isPresent();
  }

  /** Not used: the target's client is synchronous. */
  @Override
  public CompletableFuture<AsyncSignedRequest> signAsync(
      AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
    return v4.signAsync(request);
  }

  private static String hostHeader(SdkHttpRequest http) {
    return SdkHttpUtils.isUsingStandardPort(http.protocol(), http.port())
        ? http.host()
        : http.host() + ":" + http.port();
  }
}

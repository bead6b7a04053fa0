package it.continuo.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

@DisplayName("The signer that leaves parts unsigned")
class UnsignedPartSignerTest {
  private static final String BODY = "a part of an archive";
  private static final String PART = "?partNumber=2&uploadId=upload-1";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T22:00:00Z"), ZoneOffset.UTC);

  @Test
  @DisplayName("over plain HTTP leaves a part's body out of the signature, unlike the SDK's signer")
  void plainHttp() throws Exception {
    SignRequest<AwsCredentialsIdentity> request = put("http://127.0.0.1:18080/bucket/key" + PART);

    SignedRequest sdk = AwsV4HttpSigner.create().sign(request);
    SignedRequest ours = new UnsignedPartSigner().sign(request);

    // the reason for the class: the SDK hashes every body it sends over plain HTTP
    assertThat(sdk.request().firstMatchingHeader("x-amz-content-sha256")).contains(sha256Hex(BODY));
    assertThat(ours.request().firstMatchingHeader("x-amz-content-sha256"))
        .contains("UNSIGNED-PAYLOAD");
    assertThat(ours.request().protocol()).isEqualTo("http");
    assertThat(ours.request().port()).isEqualTo(18080);
    assertThat(ours.request().firstMatchingHeader("Host")).contains("127.0.0.1:18080");
    assertThat(ours.request().firstMatchingHeader("x-amz-checksum-crc32c"))
        .contains(Checksums.crc32c(bytes(), 0, bytes().length));
  }

  @Test
  @DisplayName("signs the headers as the SDK does for the same request over HTTPS")
  void sameSignatureAsHttps() {
    SignedRequest overHttp =
        new UnsignedPartSigner().sign(put("http://127.0.0.1:18080/b/k" + PART));
    SignedRequest overHttps =
        AwsV4HttpSigner.create()
            .sign(
                put("https://127.0.0.1:18080/b/k" + PART).toBuilder()
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .build());

    assertThat(overHttp.request().firstMatchingHeader("Authorization"))
        .isPresent()
        .isEqualTo(overHttps.request().firstMatchingHeader("Authorization"));
  }

  @Test
  @DisplayName("on the standard port writes the Host header without it")
  void standardPort() {
    SignedRequest signed = new UnsignedPartSigner().sign(put("http://nas.lan/bucket/key" + PART));

    assertThat(signed.request().firstMatchingHeader("Host")).contains("nas.lan");
    assertThat(signed.request().protocol()).isEqualTo("http");
    assertThat(signed.request().port()).isEqualTo(80);
  }

  @Test
  @DisplayName("over HTTPS does what the SDK does with payload signing off")
  void https() {
    SignRequest<AwsCredentialsIdentity> request =
        put("https://s3.eu-south-1.amazonaws.com/b/k" + PART);

    SignedRequest ours = new UnsignedPartSigner().sign(request);
    SignedRequest sdk =
        AwsV4HttpSigner.create()
            .sign(
                request.toBuilder()
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .build());

    assertThat(ours.request().headers()).isEqualTo(sdk.request().headers());
  }

  @Test
  @DisplayName("signs any other body as the SDK does: a single put over plain HTTP is hashed")
  void singlePut() throws Exception {
    SignRequest<AwsCredentialsIdentity> request = put("http://127.0.0.1:18080/bucket/manifest");

    SignedRequest ours = new UnsignedPartSigner().sign(request);

    assertThat(ours.request().firstMatchingHeader("x-amz-content-sha256"))
        .contains(sha256Hex(BODY));
    assertThat(ours.request().headers())
        .isEqualTo(AwsV4HttpSigner.create().sign(request).request().headers());
  }

  private static SignRequest<AwsCredentialsIdentity> put(String uri) {
    SdkHttpRequest http =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.PUT)
            .uri(URI.create(uri))
            .putHeader("Content-Length", String.valueOf(bytes().length))
            .putHeader("x-amz-checksum-crc32c", Checksums.crc32c(bytes(), 0, bytes().length))
            .build();
    return SignRequest.builder(AwsCredentialsIdentity.create("ACCESS", "SECRET"))
        .request(http)
        .payload(ContentStreamProvider.fromByteArray(bytes()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-south-1")
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
        .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)
        .build();
  }

  private static byte[] bytes() {
    return BODY.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256Hex(String s) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(digest);
  }
}

package it.continuo.storage.s3;

import it.continuo.config.S3TargetConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the SDK client a target's settings describe. */
final class S3Clients {
  /** Waits for a TCP connection; a reachable service answers in milliseconds. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The longest silence on an open connection: long enough for a slow service to store a large
   * part, short enough that a vanished server is noticed instead of hanging the backup.
   */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  /**
   * No retries inside the SDK: the retry wrapper around the target is the one place that retries,
   * with backoff and resume, and counts every try against the configured retries. An SDK retry
   * would also hide a dropped part from the tests that prove resume works.
   */
  static final int SDK_ATTEMPTS = 1;

  private S3Clients() {}

  static S3Client build(S3TargetConfig config) {
    ApacheHttpClient.Builder http =
        ApacheHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            // parts of several concurrent uploads plus reads; a wait here is a slow service
            .maxConnections(Math.max(16, 4 * config.parallelParts()))
            .connectionAcquisitionTimeout(SOCKET_TIMEOUT)
            .tcpKeepAlive(true);
    var builder =
        S3Client.builder()
            .httpClientBuilder(http)
            .region(Region.of(config.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        config.accessKey().reveal(), config.secretKey().reveal())))
            .forcePathStyle(config.pathStyle())
            .putAuthScheme(UnsignedPartSigner.scheme())
            // Bodies go whole, not as signed chunks: a body damaged on the way is then refused
            // as BadDigest (the CRC32C every put and part carries) or XAmzContentSHA256Mismatch,
            // both transient, not as a chunk's SignatureDoesNotMatch, which reads like a wrong
            // secret key (permanent). Parts go with an unsigned payload (UnsignedPartSigner).
            // The SDK's own MD5-of-the-body check is off: Bucket checks the CRC32C echoed.
            .serviceConfiguration(
                S3Configuration.builder()
                    .chunkedEncodingEnabled(false)
                    .checksumValidationEnabled(false)
                    .build())
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(SDK_ATTEMPTS)));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }
}

package it.continuo.storage.s3;

import it.continuo.config.S3TargetConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

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
   * One attempt and one quick retry inside the SDK: the retry wrapper around the target does the
   * real retrying, with backoff and resume, and counts it against the configured retries.
   */
  static final int SDK_ATTEMPTS = 2;

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
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(SDK_ATTEMPTS)));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }
}

package it.continuo.storage.s3;

import it.continuo.config.ConfigLoader;
import it.continuo.config.S3TargetConfig;
import it.continuo.testing.TestServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * S3 targets on the test S3Proxy, configured the way a user does it: a YAML file read by {@link
 * ConfigLoader}, secrets by {@code ${env:…}} reference. Each fixture has its own key prefix.
 */
final class S3Fixture {
  static final long PART = 5L << 20; // S3's smallest part: the contract's large object spans three

  final TestServers.S3 s3;
  final String prefix = "t-" + UUID.randomUUID();
  URI endpoint;
  String bucket;
  String accessKey;
  String secretKey;
  String storageClass;
  String objectLockMode;
  long partSize = PART;
  int parallelParts = 3;

  S3Fixture(TestServers servers) {
    this.s3 = servers.s3();
    this.endpoint = s3.endpoint();
    this.bucket = s3.bucket();
    this.accessKey = s3.accessKey();
    this.secretKey = s3.secretKey();
  }

  /** The target's settings, loaded from a YAML file written in {@code dir}. */
  S3TargetConfig config(Path dir) throws Exception {
    String yaml =
        """
        agent: { name: test, dataDir: data }
        targets:
          cloud:
            type: s3
            bucket: %s
            region: %s
            endpoint: %s
            pathStyle: true
            accessKey: "${env:S3_ACCESS_KEY}"
            secretKey: "${env:S3_SECRET_KEY}"
            prefix: %s
            partSize: %d
            parallelParts: %d
        """
            .formatted(bucket, s3.region(), endpoint, prefix, partSize, parallelParts);
    if (storageClass != null) {
      yaml += "    storageClass: " + storageClass + "\n";
    }
    if (objectLockMode != null) {
      yaml += "    objectLock: { mode: " + objectLockMode + ", days: 1 }\n";
    }
    Path file = Files.createTempFile(dir, "continuo", ".yaml");
    Files.writeString(file, yaml);
    Map<String, String> env = new HashMap<>();
    env.put("S3_ACCESS_KEY", accessKey);
    env.put("S3_SECRET_KEY", secretKey);
    return (S3TargetConfig) new ConfigLoader(env).load(file).targets().get("cloud");
  }

  S3Target target(Path dir) throws Exception {
    return new S3Target(config(dir));
  }

  /** A plain SDK client on the test bucket, to look behind the target's back. */
  S3Client rawClient() {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.of(s3.region()))
        .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }

  /** The full object key of a target key. */
  String objectKey(String key) {
    return prefix + "/" + key;
  }

  /** Removes what the tests left under the fixture's prefix: objects and multipart uploads. */
  void removeAll() {
    try (S3Client raw = rawClient()) {
      raw.listMultipartUploadsPaginator(r -> r.bucket(s3.bucket()).prefix(prefix + "/"))
          .uploads()
          .forEach(
              u ->
                  raw.abortMultipartUpload(
                      r -> r.bucket(s3.bucket()).key(u.key()).uploadId(u.uploadId())));
      raw.listObjectsV2Paginator(r -> r.bucket(s3.bucket()).prefix(prefix + "/"))
          .contents()
          .forEach(o -> raw.deleteObject(r -> r.bucket(s3.bucket()).key(o.key())));
    }
  }

  /** Keys (relative to the fixture's prefix) of the multipart uploads S3 lists as incomplete. */
  List<String> incompleteUploads(String keyPrefix) {
    try (S3Client raw = rawClient()) {
      return raw
          .listMultipartUploadsPaginator(
              r -> r.bucket(s3.bucket()).prefix(prefix + "/" + keyPrefix))
          .uploads()
          .stream()
          .map(MultipartUpload::key)
          .map(k -> k.substring(prefix.length() + 1))
          .toList();
    }
  }
}

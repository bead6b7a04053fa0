package it.continuo.config;

import java.net.URI;

/**
 * A target of type {@code s3}: a bucket of Amazon S3 or an S3-compatible service.
 *
 * @param name its key in the file
 * @param bucket the bucket
 * @param region the region
 * @param endpoint the service's address for S3-compatible services, or null for AWS
 * @param pathStyle address the bucket in the path rather than the host name
 * @param accessKey the access key id, by reference
 * @param secretKey the secret access key, by reference
 * @param prefix a key prefix inside the bucket ("" for none)
 * @param storageClass the storage class of stored objects, or null for the bucket's default
 * @param objectLockMode GOVERNANCE or COMPLIANCE retention on stored objects, or null
 * @param objectLockDays how many days objects are locked
 * @param partSize bytes per multipart part
 * @param parallelParts parts uploaded at once
 * @param options the wrappers around it
 */
public record S3TargetConfig(
    String name,
    String bucket,
    String region,
    URI endpoint,
    boolean pathStyle,
    Secret accessKey,
    Secret secretKey,
    String prefix,
    String storageClass,
    String objectLockMode,
    int objectLockDays,
    long partSize,
    int parallelParts,
    TargetOptions options)
    implements TargetConfig {
  @Override
  public String type() {
    return "s3";
  }
}

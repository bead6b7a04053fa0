package it.continuo.storage.s3;

import it.continuo.storage.TargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The S3 calls of one bucket, each checked (checksums sent and compared with what comes back) and
 * each failure classified. Keys here are full object keys, prefix included.
 */
final class Bucket {
  private static final Logger log = LoggerFactory.getLogger(Bucket.class);
  private static final String OCTETS = "application/octet-stream";

  private final S3Client client;
  private final String name;
  private final S3Errors errors;
  private final Placement placement;

  /**
   * How stored objects are kept: storage class and object lock, each null when not configured.
   *
   * @param lockDays how long object lock retains an object, from the moment it is created
   */
  record Placement(String storageClass, String lockMode, int lockDays, Clock clock) {
    Instant retainUntil() {
      return clock.instant().plus(Duration.ofDays(lockDays));
    }
  }

  Bucket(S3Client client, String name, S3Errors errors, Placement placement) {
    this.client = client;
    this.name = name;
    this.errors = errors;
    this.placement = placement;
  }

  S3Errors errors() {
    return errors;
  }

  /** Stores a whole object in one request, with Content-MD5 and CRC32C. */
  void put(String key, byte[] b, int len) throws TargetException {
    String crc = Checksums.crc32c(b, 0, len);
    byte[] md5 = Checksums.md5(b, 0, len);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(name)
            .key(key)
            .contentLength((long) len)
            .contentMD5(Checksums.base64(md5))
            .checksumCRC32C(crc);
    if (placement.storageClass() != null) {
      request.storageClass(placement.storageClass());
    }
    if (placement.lockMode() != null) {
      request
          .objectLockMode(placement.lockMode())
          .objectLockRetainUntilDate(placement.retainUntil());
    }
    PutObjectResponse response;
    try {
      response = client.putObject(request.build(), body(b, len));
    } catch (RuntimeException e) {
      throw errors.classify(e, "storing " + key);
    }
    if (response.checksumCRC32C() != null && !response.checksumCRC32C().equals(crc)) {
      throw errors.transientError(
          "the service stored "
              + key
              + " with CRC32C "
              + response.checksumCRC32C()
              + ", not "
              + crc);
    }
    // The ETag is the MD5 of the content unless the service encrypts with KMS or a customer key.
    String etag = unquote(response.eTag());
    boolean plain =
        response.serverSideEncryption() == null
            || response.serverSideEncryption() == ServerSideEncryption.AES256;
    if (plain && response.sseCustomerAlgorithm() == null && !Checksums.hex(md5).equals(etag)) {
      throw errors.transientError(
          "the service stored "
              + key
              + " with ETag "
              + etag
              + ", not its MD5 "
              + Checksums.hex(md5));
    }
  }

  /** Starts a multipart upload whose parts carry CRC32C checksums; returns its id. */
  String startMultipart(String key) throws TargetException {
    CreateMultipartUploadRequest.Builder request =
        CreateMultipartUploadRequest.builder()
            .bucket(name)
            .key(key)
            .contentType(OCTETS)
            .checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
    if (placement.storageClass() != null) {
      request.storageClass(placement.storageClass());
    }
    if (placement.lockMode() != null) {
      request
          .objectLockMode(placement.lockMode())
          .objectLockRetainUntilDate(placement.retainUntil());
    }
    try {
      return client.createMultipartUpload(request.build()).uploadId();
    } catch (RuntimeException e) {
      throw errors.classify(e, "starting the upload of " + key);
    }
  }

  /** Sends one part; returns it as acknowledged, after comparing the checksum S3 echoes. */
  CompletedPart uploadPart(String key, String uploadId, int number, byte[] b, int len)
      throws TargetException {
    String crc = Checksums.crc32c(b, 0, len);
    UploadPartResponse response;
    try {
      response =
          client.uploadPart(
              r ->
                  r.bucket(name)
                      .key(key)
                      .uploadId(uploadId)
                      .partNumber(number)
                      .contentLength((long) len)
                      .checksumCRC32C(crc),
              body(b, len));
    } catch (RuntimeException e) {
      throw errors.classify(e, "uploading part " + number + " of " + key);
    }
    if (response.checksumCRC32C() != null && !response.checksumCRC32C().equals(crc)) {
      throw errors.transientError(
          "the service stored part "
              + number
              + " of "
              + key
              + " with CRC32C "
              + response.checksumCRC32C()
              + ", not "
              + crc);
    }
    return CompletedPart.builder()
        .partNumber(number)
        .eTag(response.eTag())
        .checksumCRC32C(crc)
        .build();
  }

  /** Makes the object appear, built from {@code parts}. */
  void complete(String key, String uploadId, List<CompletedPart> parts) throws TargetException {
    CompleteMultipartUploadResponse response;
    try {
      response =
          client.completeMultipartUpload(
              r -> r.bucket(name).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      throw errors.classify(e, "completing the upload of " + key);
    }
    String reported = response.checksumCRC32C();
    if (reported != null && reported.contains("-")) {
      List<String> crcs = new ArrayList<>(parts.size());
      parts.forEach(p -> crcs.add(p.checksumCRC32C()));
      String expected = Checksums.compositeCrc32c(crcs);
      if (!expected.equals(reported)) {
        throw errors.transientError(
            "the service assembled " + key + " with CRC32C " + reported + ", not " + expected);
      }
    }
  }

  /** Aborts a multipart upload; never fails, an upload already gone is fine. */
  void abortQuietly(String key, String uploadId) {
    try {
      client.abortMultipartUpload(r -> r.bucket(name).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      TargetException t = errors.classify(e, "aborting the upload of " + key);
      if (!(e instanceof S3Exception s && s.statusCode() == 404)) {
        log.warn(
            "{} (multipart upload {} stays until cleanup or a lifecycle rule removes it)",
            t.getMessage(),
            uploadId);
      }
    }
  }

  /** Reads an object, or the HTTP range {@code range} ("bytes=0-99") of it when not null. */
  ResponseInputStream<GetObjectResponse> get(String key, String range) throws TargetException {
    try {
      return client.getObject(r -> r.bucket(name).key(key).range(range));
    } catch (RuntimeException e) {
      throw errors.classify(e, "reading " + key);
    }
  }

  Optional<HeadObjectResponse> head(String key) throws TargetException {
    try {
      return Optional.of(client.headObject(r -> r.bucket(name).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      // HEAD has no body, so a 404 carries no error code: missing key or missing bucket
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw errors.classify(e, "reading " + key);
    } catch (RuntimeException e) {
      throw errors.classify(e, "reading " + key);
    }
  }

  /** Every object under the prefix, in the service's order, all pages. */
  List<S3Object> list(String prefix) throws TargetException {
    return allPages(
        () -> client.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix)).contents(),
        "listing " + prefix);
  }

  void delete(String key) throws TargetException {
    try {
      client.deleteObject(r -> r.bucket(name).key(key));
    } catch (NoSuchKeyException e) {
      // already gone: what delete promises
    } catch (RuntimeException e) {
      throw errors.classify(e, "deleting " + key);
    }
  }

  /** Multipart uploads under the prefix that were neither completed nor aborted. */
  List<MultipartUpload> incompleteUploads(String prefix) throws TargetException {
    return allPages(
        () -> client.listMultipartUploadsPaginator(r -> r.bucket(name).prefix(prefix)).uploads(),
        "listing incomplete uploads under " + prefix);
  }

  /** Every item of a paginated listing, fetching all its pages; errors classified. */
  private <T> List<T> allPages(java.util.function.Supplier<Iterable<T>> items, String doing)
      throws TargetException {
    try {
      List<T> all = new ArrayList<>();
      items.get().forEach(all::add);
      return all;
    } catch (RuntimeException e) {
      throw errors.classify(e, doing);
    }
  }

  /** The part's bytes as a body the SDK can re-read on its own retry, without copying them. */
  private static RequestBody body(byte[] b, int len) {
    ContentStreamProvider content = () -> new java.io.ByteArrayInputStream(b, 0, len);
    return RequestBody.fromContentProvider(content, len, OCTETS);
  }

  private static String unquote(String etag) {
    return etag == null ? "" : etag.replace("\"", "");
  }
}

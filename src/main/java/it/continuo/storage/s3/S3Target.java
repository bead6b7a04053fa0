package it.continuo.storage.s3;

import it.continuo.config.S3TargetConfig;
import it.continuo.storage.Keys;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.ObjectNotFoundException;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A target that is a bucket of Amazon S3 or of an S3-compatible service, with keys under the
 * configured prefix. See the package description for uploads, resume and errors.
 */
public final class S3Target implements Target {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String name;
  private final String prefix;
  private final String location;
  private final int partSize;
  private final int parallelParts;
  private final S3Client client;
  private final Bucket bucket;
  private final ExecutorService partSender;

  public S3Target(S3TargetConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * @param clock dates object-lock retention
   */
  public S3Target(S3TargetConfig config, Clock clock) {
    this.name = config.name();
    this.prefix = config.prefix().isEmpty() ? "" : config.prefix() + "/";
    String endpoint =
        config.endpoint() != null ? config.endpoint().toString() : "AWS " + config.region();
    this.location =
        "s3 bucket "
            + config.bucket()
            + " at "
            + endpoint
            + (prefix.isEmpty() ? "" : " under " + prefix);
    this.partSize = (int) Math.min(config.partSize(), Integer.MAX_VALUE - 8);
    this.parallelParts = config.parallelParts();
    this.client = S3Clients.build(config);
    S3Errors errors =
        new S3Errors(
            "S3 target " + name + " (bucket " + config.bucket() + " at " + endpoint + ")",
            config.bucket(),
            config.accessKey().reveal());
    this.bucket =
        new Bucket(
            client,
            config.bucket(),
            errors,
            new Bucket.Placement(
                config.storageClass(), config.objectLockMode(), config.objectLockDays(), clock));
    this.partSender =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "s3-part-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public InputStream open(String key) throws IOException {
    String objectKey = objectKey(key);
    return new ObjectStream(bucket.get(objectKey, null), bucket.errors(), objectKey);
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    String objectKey = objectKey(key);
    if (length <= 0) {
      if (bucket.head(objectKey).isEmpty()) {
        throw new ObjectNotFoundException(bucket.errors().message("no object " + objectKey));
      }
      return InputStream.nullInputStream();
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return new ObjectStream(bucket.get(objectKey, range), bucket.errors(), objectKey);
    } catch (TargetException e) {
      if (e.getCause() instanceof S3Exception s && s.statusCode() == 416) {
        return new ByteArrayInputStream(new byte[0]); // the range starts at or after the end
      }
      throw e;
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    return bucket
        .head(objectKey(key))
        .map(h -> new ObjectInfo(key, h.contentLength(), h.lastModified()));
  }

  @Override
  public List<ObjectInfo> list(String keyPrefix) throws IOException {
    List<ObjectInfo> objects = new ArrayList<>();
    for (S3Object o : bucket.list(prefix + keyPrefix)) {
      objects.add(new ObjectInfo(o.key().substring(prefix.length()), o.size(), o.lastModified()));
    }
    objects.sort(Comparator.comparing(ObjectInfo::key)); // Java's order, as every target sorts
    return objects;
  }

  @Override
  public Upload create(String key) throws IOException {
    return new S3Upload(this, key, objectKey(key));
  }

  /**
   * Continues an interrupted upload: the same multipart upload, its unacknowledged parts sent again
   * from the bytes the interrupted upload still holds (so {@code interrupted.durable()} is every
   * byte written to it), and its buffer filled on. The interrupted upload is handed over: it
   * accepts nothing more and closing it does not abort the multipart upload, which now belongs to
   * the returned upload.
   */
  @Override
  public Upload resume(Upload interrupted) throws IOException {
    if (!(interrupted instanceof S3Upload upload) || !upload.of(this)) {
      throw bucket.errors().permanent("cannot resume an upload of another target");
    }
    S3Upload.Handover h = upload.handOver();
    S3Upload resumed = new S3Upload(this, upload.key(), objectKey(upload.key()), h);
    resumed.resendFailed();
    return resumed;
  }

  @Override
  public void delete(String key) throws IOException {
    bucket.delete(objectKey(key));
  }

  @Override
  public void cleanupIncomplete(String keyPrefix) throws IOException {
    for (MultipartUpload u : bucket.incompleteUploads(prefix + keyPrefix)) {
      bucket.abortQuietly(u.key(), u.uploadId());
    }
  }

  @Override
  public void close() {
    partSender.shutdown();
    client.close();
  }

  Bucket bucket() {
    return bucket;
  }

  ExecutorService partSender() {
    return partSender;
  }

  int partSize() {
    return partSize;
  }

  int parallelParts() {
    return parallelParts;
  }

  private String objectKey(String key) throws TargetException {
    return prefix + Keys.check(key);
  }
}

package it.continuo.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import it.continuo.testing.DroppingProxy;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

@DisplayName("The S3 target on a real S3 service (S3Proxy)")
class S3TargetIT {
  static final int PART = (int) S3Fixture.PART;

  @TempDir Path dir;
  TestServers servers;
  S3Fixture fixture;

  @BeforeEach
  void servers() {
    servers = TestServers.require();
    fixture = new S3Fixture(servers);
  }

  @AfterEach
  void removeAll() {
    if (fixture != null) {
      fixture.removeAll();
    }
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes {@code content[from, to)} in 1 MiB pieces, then commits. */
  static void finish(Upload up, byte[] content, int from) throws IOException {
    for (int off = from; off < content.length; off += 1 << 20) {
      up.write(content, off, Math.min(1 << 20, content.length - off));
    }
    up.commit();
  }

  static byte[] read(Target target, String key) throws IOException {
    try (InputStream in = target.open(key)) {
      return in.readAllBytes();
    }
  }

  static TargetException failure(ThrowingRunnable r) {
    return catchThrowableOfType(TargetException.class, r::run);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Nested
  @DisplayName("bad settings are permanent errors whose message says what is wrong")
  class Settings {
    @Test
    @DisplayName(
        "a wrong secret key names the target, bucket, endpoint and access key, never a secret")
    void wrongSecret() throws Exception {
      String right = fixture.secretKey;
      fixture.secretKey = "not-the-secret-" + right.substring(0, 6);
      try (Target target = fixture.target(dir)) {
        for (TargetException e :
            List.of(
                failure(() -> target.list("job/")),
                failure(
                    () -> {
                      try (Upload up = target.create("job/a")) {
                        up.write(bytes(1000, 1));
                        up.commit();
                      }
                    }))) {
          assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
          assertThat(e.getMessage())
              .startsWith(
                  "S3 target cloud (bucket "
                      + fixture.bucket
                      + " at "
                      + fixture.endpoint
                      + "): the secret key does not match access key "
                      + fixture.accessKey)
              .endsWith("(SignatureDoesNotMatch)")
              .doesNotContain(fixture.secretKey)
              .doesNotContain(right);
        }
      }
    }

    @Test
    @DisplayName("an unknown access key is named as such")
    void unknownAccessKey() throws Exception {
      fixture.accessKey = "nobody";
      try (Target target = fixture.target(dir)) {
        TargetException e = failure(() -> target.list("job/"));
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage())
            .contains("does not know access key nobody")
            .endsWith("(InvalidAccessKeyId)");
      }
    }

    @Test
    @DisplayName("a missing bucket is permanent, for listing, small and large uploads and reads")
    void missingBucket() throws Exception {
      fixture.bucket = "no-such-bucket-" + System.nanoTime();
      try (Target target = fixture.target(dir)) {
        List<TargetException> errors =
            List.of(
                failure(() -> target.list("job/")),
                failure(() -> target.open("job/a")),
                failure(
                    () -> {
                      try (Upload up = target.create("job/small")) {
                        up.write(bytes(1000, 2));
                        up.commit();
                      }
                    }),
                failure(
                    () -> {
                      try (Upload up = target.create("job/large")) {
                        finish(up, bytes(PART + 1, 3), 0);
                      }
                    }));
        for (TargetException e : errors) {
          assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
          assertThat(e.getMessage())
              .contains("bucket " + fixture.bucket + " does not exist")
              .endsWith("(NoSuchBucket)");
        }
      }
    }

    @Test
    @DisplayName("a service that does not answer is a transient error, soon")
    void unreachable() throws Exception {
      try (ServerSocket closed = new ServerSocket(0)) {
        fixture.endpoint = URI.create("http://127.0.0.1:" + closed.getLocalPort());
      }
      try (Target target = fixture.target(dir)) {
        TargetException e =
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failure(() -> target.list("")));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("cannot reach the service");
      }
    }
  }

  @Nested
  @DisplayName("uploads")
  class Uploads {
    @Test
    @DisplayName(
        "send parts in parallel, at most parallelParts at once, with parallelParts + 1 buffers")
    void parallelAndBounded() throws Exception {
      fixture.parallelParts = 3;
      byte[] content = bytes(9 * PART + 123, 4);
      try (S3Target target = fixture.target(dir);
          Upload up = target.create("job/parallel")) {
        finish(up, content, 0);
        S3Upload s3 = (S3Upload) up;
        assertThat(s3.peakPartsInFlight()).isEqualTo(3);
        assertThat(s3.buffersAllocated()).isLessThanOrEqualTo(4);
        assertThat(read(target, "job/parallel")).isEqualTo(content);
      }
    }

    @Test
    @DisplayName("an object smaller than a part is one PutObject whose ETag is its MD5")
    void smallIsOnePut() throws Exception {
      byte[] content = bytes(PART - 1, 5);
      try (S3Target target = fixture.target(dir);
          Upload up = target.create("job/small")) {
        finish(up, content, 0);
        assertThat(((S3Upload) up).buffersAllocated()).isEqualTo(1);
      }
      try (S3Client raw = fixture.rawClient()) {
        HeadObjectResponse head =
            raw.headObject(r -> r.bucket(fixture.bucket).key(fixture.objectKey("job/small")));
        assertThat(head.eTag().replace("\"", ""))
            .isEqualTo(Checksums.hex(Checksums.md5(content, 0, content.length)));
      }
    }

    @Test
    @DisplayName("closed without commit, a multipart upload leaves nothing, not even on disk")
    void abortLeavesNothing() throws Exception {
      try (S3Target target = fixture.target(dir)) {
        try (Upload up = target.create("job/aborted")) {
          up.write(bytes(3 * PART + 10, 6));
        }
        assertThat(target.list("")).isEmpty();
        assertThat(fixture.incompleteUploads("")).isEmpty();
        assertThat(leftOnDisk()).isEmpty();
      }
    }

    @Test
    @DisplayName("a storage class is applied to a single put; multipart uploads take it too")
    void storageClass() throws Exception {
      fixture.storageClass = "STANDARD_IA";
      try (S3Target target = fixture.target(dir)) {
        try (Upload up = target.create("job/small")) {
          finish(up, bytes(10, 7), 0);
        }
        // S3Proxy accepts the class on CreateMultipartUpload but stores the object as STANDARD,
        // so only the request's success can be checked for the multipart case here.
        try (Upload up = target.create("job/large")) {
          finish(up, bytes(PART + 10, 8), 0);
        }
      }
      try (S3Client raw = fixture.rawClient()) {
        assertThat(
                raw.headObject(r -> r.bucket(fixture.bucket).key(fixture.objectKey("job/small")))
                    .storageClassAsString())
            .isEqualTo("STANDARD_IA");
      }
    }

    @Test
    @DisplayName("object lock, which S3Proxy does not implement, is a permanent error saying so")
    void objectLockUnsupported() throws Exception {
      fixture.objectLockMode = "GOVERNANCE";
      try (S3Target target = fixture.target(dir)) {
        TargetException e =
            failure(
                () -> {
                  try (Upload up = target.create("job/locked")) {
                    finish(up, bytes(10, 9), 0);
                  }
                });
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("does not implement").endsWith("implemented.");
      }
      try (S3Client raw = fixture.rawClient()) {
        assertThat(
                raw.listObjectsV2(r -> r.bucket(fixture.bucket).prefix(fixture.prefix)).contents())
            .isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("checksums")
  class Checksum {
    @Test
    @DisplayName("a part damaged on the way is refused, a transient error, and resume repairs it")
    void damagedPart() throws Exception {
      byte[] content = bytes(3 * PART + 99, 10);
      URI real = fixture.endpoint;
      try (CorruptingProxy proxy = new CorruptingProxy(real.getHost(), real.getPort())) {
        fixture.endpoint = URI.create("http://127.0.0.1:" + proxy.port());
        fixture.parallelParts = 1;
        try (S3Target target = fixture.target(dir)) {
          Upload up = target.create("job/damaged");
          up.write(content, 0, PART + 1); // part 1 goes out
          awaitDurable(up, PART);
          proxy.flipAfter(PART / 2); // inside part 2's body
          TargetException e = failure(() -> finish(up, content, PART + 1));
          assertThat(proxy.flipped()).isTrue();
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("damaged on the way");

          assertThat(((S3Upload) up).acknowledged()).isEqualTo(PART);
          long durable = up.durable(); // the upload still holds the damaged part's bytes
          assertThat(durable).isGreaterThan(PART);
          try (Upload resumed = target.resume(up)) {
            finish(resumed, content, (int) durable);
          }
          assertThat(read(target, "job/damaged")).isEqualTo(content);
          assertThat(fixture.incompleteUploads("")).isEmpty();
        }
      }
    }

    @Test
    @DisplayName(
        "over plain HTTP parts go with an unsigned payload, single puts with their SHA-256")
    void partsUnsigned() throws Exception {
      byte[] large = bytes(2 * PART + 10, 13);
      byte[] small = bytes(1000, 14);
      URI real = fixture.endpoint;
      try (CorruptingProxy proxy = new CorruptingProxy(real.getHost(), real.getPort())) {
        fixture.endpoint = URI.create("http://127.0.0.1:" + proxy.port());
        try (S3Target target = fixture.target(dir)) {
          try (Upload up = target.create("job/large")) {
            finish(up, large, 0);
          }
          try (Upload up = target.create("job/small")) {
            finish(up, small, 0);
          }
          assertThat(read(target, "job/large")).isEqualTo(large);
          assertThat(read(target, "job/small")).isEqualTo(small);
        }
        List<String> requests = proxy.requests();
        assertThat(requests.stream().filter(r -> r.contains("partNumber=")))
            .hasSize(3)
            .allMatch(r -> r.startsWith("PUT ") && r.endsWith(" UNSIGNED-PAYLOAD"));
        String sha256 =
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(small));
        assertThat(requests)
            .anyMatch(r -> r.startsWith("PUT ") && r.endsWith("/job/small " + sha256));
      }
    }

    @Test
    @DisplayName("a checksum that does not match the content is refused by the service, transient")
    void wrongChecksumRefused() throws Exception {
      try (S3Client raw = fixture.rawClient();
          S3Target target = fixture.target(dir)) {
        byte[] content = bytes(1000, 11);
        S3Exception refused =
            catchThrowableOfType(
                S3Exception.class,
                () ->
                    raw.putObject(
                        r ->
                            r.bucket(fixture.bucket)
                                .key(fixture.objectKey("job/bad"))
                                .checksumCRC32C(Checksums.crc32c(new byte[1], 0, 1)),
                        RequestBody.fromBytes(content)));
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
        TargetException e = target.bucket().errors().classify(refused, "storing job/bad");
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(target.stat("job/bad")).isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("interrupted uploads")
  class Interrupted {
    @Test
    @DisplayName("S3Proxy restarted mid-upload: the upload fails transient, not hangs, and resumes")
    void serverRestart() throws Exception {
      byte[] content = bytes(6 * PART + 1234, 12);
      fixture.parallelParts = 2;
      try (S3Target target = fixture.target(dir)) {
        Upload up = target.create("job/restarted");
        up.write(content, 0, 2 * PART + 1); // parts 1 and 2 go out
        awaitDurable(up, 2L * PART);
        long pid = servers.s3Pid();
        Thread restart =
            new Thread(
                () -> {
                  try {
                    servers.restartS3();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        restart.start();
        while (TestServers.running(pid)) { // a zombie no parent has reaped yet counts as stopped
          Thread.sleep(10);
        }
        TargetException e =
            assertTimeoutPreemptively(
                Duration.ofSeconds(90), () -> failure(() -> finish(up, content, 2 * PART + 1)));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        restart.join();
        assertThat(servers.s3Pid()).isNotEqualTo(pid);

        long durable = up.durable();
        assertThat(durable).isBetween(2L * PART, (long) content.length);
        try (Upload resumed = target.resume(up)) {
          finish(resumed, content, (int) durable);
        }
        assertThat(read(target, "job/restarted")).isEqualTo(content);
        assertThat(fixture.incompleteUploads("")).isEmpty();
      }
    }

    @Test
    @DisplayName("a connection cut mid-part fails transient; resume sends only what was not stored")
    void droppedConnection() throws Exception {
      byte[] content = bytes(4 * PART + 77, 13);
      URI real = fixture.endpoint;
      try (DroppingProxy proxy = new DroppingProxy(real.getHost(), real.getPort())) {
        fixture.endpoint = URI.create("http://127.0.0.1:" + proxy.port());
        fixture.parallelParts = 1;
        try (S3Target target = fixture.target(dir)) {
          Upload up = target.create("job/dropped");
          up.write(content, 0, PART + 1);
          awaitDurable(up, PART);
          proxy.dropAfter(PART / 2); // in the middle of part 2
          TargetException e = failure(() -> finish(up, content, PART + 1));
          assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
          assertThat(e.getMessage()).contains("cannot reach the service");
          // DroppingProxy stays armed at 0 when the cut falls inside a read (allowed < n skips
          // dropNow()), cutting every later connection; arming it far away disarms it.
          proxy.dropAfter(Long.MAX_VALUE);

          long acknowledged = ((S3Upload) up).acknowledged();
          assertThat(acknowledged).isEqualTo(PART);
          long durable = up.durable(); // the rest is held by the upload, sent again on resume
          long before = proxy.bytesUpstream();
          try (Upload resumed = target.resume(up)) {
            finish(resumed, content, (int) durable);
          }
          assertThat(proxy.bytesUpstream() - before)
              .as("bytes sent after resuming")
              .isBetween(content.length - acknowledged, content.length - acknowledged + 64 * 1024);
          assertThat(read(target, "job/dropped")).isEqualTo(content);
          assertThat(fixture.incompleteUploads("")).isEmpty();
        }
      }
    }

    @Test
    @DisplayName("after a resume, closing the interrupted upload does not abort the resumed one")
    void handedOverCloseIsHarmless() throws Exception {
      byte[] content = bytes(3 * PART + 5, 14);
      try (S3Target target = fixture.target(dir)) {
        Upload first = target.create("job/handed");
        first.write(content, 0, 2 * PART + 1);
        awaitDurable(first, PART);
        long durable = first.durable();
        Upload second = target.resume(first);
        first.close();
        assertThatThrownBy(() -> first.write(1)).isInstanceOf(IllegalStateException.class);
        try (Upload up = second) {
          finish(up, content, (int) durable);
        }
        assertThat(read(target, "job/handed")).isEqualTo(content);
        assertThat(target.list("job/").stream().map(ObjectInfo::key)).containsExactly("job/handed");
      }
    }
  }

  /** Waits until S3 acknowledged at least {@code bytes} of the upload. */
  static void awaitDurable(Upload up, long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (((S3Upload) up).acknowledged() < bytes) {
      assertThat(System.nanoTime()).as("durable reaches " + bytes).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** What S3Proxy keeps on disk for this fixture's multipart uploads. */
  List<Path> leftOnDisk() throws IOException {
    Path bucketDir = fixture.s3.dataDir().resolve(fixture.s3.bucket());
    try (Stream<Path> files = Files.walk(bucketDir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(".mpus-"))
          .filter(f -> f.toString().contains(fixture.prefix))
          .toList();
    }
  }
}

package it.continuo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Target}, run unchanged against every kind of target: a subclass only says
 * how to open an empty one and how to see what interrupted uploads left behind.
 */
public abstract class TargetContract {

  /** A target with nothing stored under the keys these tests use. Closed after each test. */
  protected abstract Target openTarget() throws Exception;

  /**
   * What interrupted uploads under {@code prefix} left on the target's storage and that {@link
   * Target#list} hides: temporary files, incomplete multipart uploads. Read behind the target's
   * back (directly from the disk, the SFTP server, the bucket).
   */
  protected abstract List<String> incompleteUploads(Target target, String prefix) throws Exception;

  /**
   * The temporary files ({@code ….partial}) under {@code prefix} of a target that keeps its objects
   * as files in {@code dir}: what {@link #incompleteUploads} reads for local and SFTP targets.
   */
  protected static List<String> partialFiles(java.nio.file.Path dir, String prefix)
      throws IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          .filter(k -> k.startsWith(prefix) && k.endsWith(".partial"))
          .toList();
    }
  }

  /** Size of the large object: several S3 parts, several SFTP write windows. */
  protected int largeSize() {
    return 13 * 1024 * 1024 + 17;
  }

  /**
   * Whether {@link Target#stat} and {@link Target#list} report the size written. False for a target
   * that stores something else, whose sizes are then only checked to be at least that (the
   * encrypting target reports ciphertext sizes).
   */
  protected boolean reportsSizeWritten() {
    return true;
  }

  /** Checks a reported size against the number of bytes written. */
  void assertSize(long reported, long written) {
    if (reportsSizeWritten()) {
      assertThat(reported).isEqualTo(written);
    } else {
      assertThat(reported).isGreaterThanOrEqualTo(written);
    }
  }

  protected Target target;

  @BeforeEach
  void openIt() throws Exception {
    target = openTarget();
  }

  @AfterEach
  void closeIt() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  void put(String key, byte[] content) throws IOException {
    try (Upload up = target.create(key)) {
      up.write(content);
      up.commit();
    }
  }

  byte[] get(String key) throws IOException {
    try (InputStream in = target.open(key)) {
      return in.readAllBytes();
    }
  }

  byte[] range(String key, long offset, long length) throws IOException {
    try (InputStream in = target.openRange(key, offset, length)) {
      return in.readAllBytes();
    }
  }

  List<String> keys(String prefix) throws IOException {
    return target.list(prefix).stream().map(ObjectInfo::key).toList();
  }

  @Nested
  @DisplayName("publication")
  class Publication {
    @Test
    @DisplayName("a committed object reads back byte for byte, with its size")
    void roundTrip() throws Exception {
      byte[] content = bytes(100_000, 1);
      put("agent/job/a.bin", content);

      assertThat(get("agent/job/a.bin")).isEqualTo(content);
      Optional<ObjectInfo> info = target.stat("agent/job/a.bin");
      assertThat(info).isPresent();
      assertSize(info.get().size(), content.length);
      assertThat(info.get().name()).isEqualTo("a.bin");
    }

    @Test
    @DisplayName("an empty object can be stored")
    void empty() throws Exception {
      put("agent/job/empty", new byte[0]);

      assertThat(get("agent/job/empty")).isEmpty();
      assertThat(target.stat("agent/job/empty")).isPresent();
      assertSize(target.stat("agent/job/empty").get().size(), 0);
    }

    @Test
    @DisplayName("a large object written in odd-sized pieces reads back whole")
    void large() throws Exception {
      byte[] content = bytes(largeSize(), 2);
      try (Upload up = target.create("agent/job/large.bin")) {
        int off = 0;
        int step = 1;
        while (off < content.length) {
          int n = Math.min(step, content.length - off);
          up.write(content, off, n);
          off += n;
          step = step * 3 + 1 > 3_000_000 ? 1 : step * 3 + 1;
        }
        up.commit();
      }
      assertThat(get("agent/job/large.bin")).isEqualTo(content);
    }

    @Test
    @DisplayName("nothing is visible under the key before commit")
    void invisibleUntilCommit() throws Exception {
      try (Upload up = target.create("agent/job/pending")) {
        up.write(bytes(70_000, 3));
        up.flush();
        assertThat(target.stat("agent/job/pending")).isEmpty();
        assertThat(keys("agent/job/")).doesNotContain("agent/job/pending");
        assertThatThrownBy(() -> target.open("agent/job/pending"))
            .isInstanceOf(ObjectNotFoundException.class);
        up.commit();
      }
      assertThat(keys("agent/job/")).containsExactly("agent/job/pending");
    }

    @Test
    @DisplayName("closing an upload without commit leaves nothing behind")
    void abortLeavesNothing() throws Exception {
      try (Upload up = target.create("agent/job/aborted")) {
        up.write(bytes(50_000, 4));
        up.flush();
      }
      assertThat(target.stat("agent/job/aborted")).isEmpty();
      assertThat(keys("agent/")).isEmpty();
      assertThat(incompleteUploads(target, "agent/")).isEmpty();
    }

    @Test
    @DisplayName("a commit replaces an earlier object under the same key")
    void replace() throws Exception {
      put("agent/job/x", "first".getBytes(StandardCharsets.UTF_8));
      put("agent/job/x", "second, longer".getBytes(StandardCharsets.UTF_8));

      assertThat(new String(get("agent/job/x"), StandardCharsets.UTF_8))
          .isEqualTo("second, longer");
      assertThat(keys("agent/job/")).containsExactly("agent/job/x");
    }

    @Test
    @DisplayName("two uploads may be open at once")
    void interleaved() throws Exception {
      byte[] a = bytes(300_000, 5);
      byte[] b = bytes(200_000, 6);
      try (Upload ua = target.create("agent/job/a");
          Upload ub = target.create("agent/job/b")) {
        ua.write(a, 0, 100_000);
        ub.write(b, 0, 150_000);
        ua.write(a, 100_000, 200_000);
        ub.write(b, 150_000, 50_000);
        ub.commit();
        ua.commit();
      }
      assertThat(get("agent/job/a")).isEqualTo(a);
      assertThat(get("agent/job/b")).isEqualTo(b);
    }
  }

  @Nested
  @DisplayName("missing objects")
  class Missing {
    @Test
    @DisplayName("open and openRange throw ObjectNotFoundException, stat is empty")
    void missing() throws Exception {
      assertThatThrownBy(() -> target.open("agent/job/nothing"))
          .isInstanceOf(ObjectNotFoundException.class)
          .satisfies(
              e ->
                  assertThat(((TargetException) e).kind())
                      .isEqualTo(TargetException.Kind.NOT_FOUND));
      assertThatThrownBy(() -> target.openRange("agent/job/nothing", 0, 10))
          .isInstanceOf(ObjectNotFoundException.class);
      assertThat(target.stat("agent/job/nothing")).isEmpty();
    }

    @Test
    @DisplayName("delete of a missing object succeeds")
    void deleteMissing() throws Exception {
      target.delete("agent/job/nothing");
      assertThat(keys("agent/")).isEmpty();
    }

    @Test
    @DisplayName("listing a prefix with nothing under it is empty")
    void listNothing() throws Exception {
      assertThat(target.list("nobody/here/")).isEmpty();
    }
  }

  @Nested
  @DisplayName("partial reads")
  class Ranges {
    byte[] content = bytes(1_000_000, 7);

    @BeforeEach
    void store() throws Exception {
      put("agent/job/r", content);
    }

    @Test
    @DisplayName("a range returns exactly those bytes")
    void middle() throws Exception {
      assertThat(range("agent/job/r", 123_456, 4_321))
          .isEqualTo(Arrays.copyOfRange(content, 123_456, 123_456 + 4_321));
      assertThat(range("agent/job/r", 0, 1)).containsExactly(content[0]);
    }

    @Test
    @DisplayName(
        "a long range returns exactly those bytes, and a long range past the end what there is")
    void longRange() throws Exception {
      assertThat(range("agent/job/r", 54_321, 600_000))
          .isEqualTo(Arrays.copyOfRange(content, 54_321, 54_321 + 600_000));
      assertThat(range("agent/job/r", 700_000, 600_000))
          .isEqualTo(Arrays.copyOfRange(content, 700_000, content.length));
    }

    @Test
    @DisplayName("a range past the end returns what there is")
    void tail() throws Exception {
      assertThat(range("agent/job/r", content.length - 10, 1000))
          .isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));
    }

    @Test
    @DisplayName("a range starting at the end is empty")
    void atEnd() throws Exception {
      assertThat(range("agent/job/r", content.length, 10)).isEmpty();
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing {
    @Test
    @DisplayName("lists committed objects under the prefix, sorted by key, with sizes")
    void sortedAndFiltered() throws Exception {
      put("agent/job/b", bytes(2, 8));
      put("agent/job/a", bytes(1, 9));
      put("agent/job/sub/c", bytes(3, 10));
      put("agent/jobber/d", bytes(4, 11));
      put("other/job/e", bytes(5, 12));

      List<ObjectInfo> listed = target.list("agent/job/");
      assertThat(listed.stream().map(ObjectInfo::key))
          .containsExactly("agent/job/a", "agent/job/b", "agent/job/sub/c");
      assertThat(listed).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertSize(listed.get(i).size(), i + 1);
      }
    }

    @Test
    @DisplayName("a deleted object is no longer listed or readable")
    void delete() throws Exception {
      put("agent/job/a", bytes(10, 13));
      put("agent/job/b", bytes(10, 14));

      target.delete("agent/job/a");

      assertThat(keys("agent/job/")).containsExactly("agent/job/b");
      assertThatThrownBy(() -> target.open("agent/job/a"))
          .isInstanceOf(ObjectNotFoundException.class);
    }
  }

  @Nested
  @DisplayName("keys")
  class InvalidKeys {
    @Test
    @DisplayName("absolute, empty-segment and dot-segment keys are permanent errors")
    void invalid() {
      for (String key : List.of("/abs", "../up", "a/../b", "a/./b", "a//b", "a/", "")) {
        assertThatThrownBy(() -> target.create(key))
            .as(key)
            .isInstanceOf(TargetException.class)
            .satisfies(
                e ->
                    assertThat(((TargetException) e).kind())
                        .isEqualTo(TargetException.Kind.PERMANENT));
        assertThatThrownBy(() -> target.open(key)).as(key).isInstanceOf(TargetException.class);
      }
    }
  }

  @Nested
  @DisplayName("interrupted uploads")
  class Interrupted {
    @Test
    @DisplayName("an upload abandoned without close is cleaned up by cleanupIncomplete")
    void cleanup() throws Exception {
      Upload abandoned = target.create("agent/job/crashed");
      abandoned.write(bytes(6_000_000, 15));
      abandoned.flush();
      // The process "dies" here: no commit, no close.
      put("agent/job/kept", bytes(10, 16));

      target.cleanupIncomplete("agent/job/");

      assertThat(incompleteUploads(target, "agent/")).isEmpty();
      assertThat(keys("agent/")).containsExactly("agent/job/kept");
    }

    @Test
    @DisplayName("a resumed upload continues after the durable bytes and commits the whole")
    void resume() throws Exception {
      byte[] content = bytes(largeSize(), 17);
      Upload first = target.create("agent/job/resumed");
      int half = content.length / 2;
      first.write(content, 0, half);
      first.flush();
      long durable = first.durable();
      assertThat(durable).isBetween(0L, (long) half);
      Upload second;
      try {
        second = target.resume(first);
      } catch (TargetException e) {
        assertThat(e.kind()).isEqualTo(TargetException.Kind.PERMANENT);
        assertThat(durable).as("a target that cannot resume keeps nothing durable").isZero();
        first.close();
        return;
      }
      try (Upload up = second) {
        up.write(content, (int) durable, content.length - (int) durable);
        up.commit();
      }
      assertThat(get("agent/job/resumed")).isEqualTo(content);
      assertThat(incompleteUploads(target, "agent/")).isEmpty();
    }
  }
}

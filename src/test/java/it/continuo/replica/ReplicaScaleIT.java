package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trees of 200,000 files (200 directories of 1,000), compared through both sshd hosts by the
 * CLI in a JVM of its own limited to a 256 MiB heap: quick and full (small hash budget), each under
 * 15 s, with the exact differences.
 */
@DisplayName("Replica check at scale: 200k files against 200k files")
class ReplicaScaleIT {
  static final int DIRS = 200;
  static final int FILES = 1000;
  static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir static Path dir;
  static TestServers servers;
  static Path config;
  static List<String> expected;

  @BeforeAll
  static void trees() throws Exception {
    servers = TestServers.require();
    long start = System.nanoTime();
    Path primary = dir.resolve("primary");
    for (int d = 0; d < DIRS; d++) {
      Path sub = Files.createDirectories(primary.resolve(String.format("d%03d", d)));
      for (int f = 0; f < FILES; f++) {
        Files.write(
            sub.resolve(String.format("f%04d", f)),
            ("file " + d + "/" + f + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    ReplicaFixture fx = new ReplicaFixture(servers, dir);
    // The copy's files are hard links to the primary's (its directories are its own): the check
    // lists, stats and hashes 200,000 names a side all the same, and the setup stays well under a
    // minute on a busy machine. A file changed on one side is first made an inode of its own.
    fx.sh("cp -al \"$1/primary\" \"$1/secondary\"");
    Path secondary = dir.resolve("secondary");
    // a copy not made yet, a deletion not made yet, a rewrite not copied, a mode change
    Files.delete(secondary.resolve("d007/f0002"));
    ReplicaFixture.write(secondary.resolve("d020/extra"), "x", OLD);
    long before = nanos(Files.getLastModifiedTime(secondary.resolve("d010/f0010")));
    Files.delete(primary.resolve("d010/f0010"));
    Instant rewritten = Instant.now();
    ReplicaFixture.write(primary.resolve("d010/f0010"), "rewritten, longer\n", rewritten);
    // cp -a keeps the mtime to the nanosecond (Files.copy to the microsecond only)
    fx.sh(
        "rm \"$1/secondary/d030/f0030\" && cp -a \"$1/primary/d030/f0030\" \"$1/secondary/d030/\""
            + " && chmod 600 \"$1/secondary/d030/f0030\"");
    expected =
        List.of(
            "MISSING d007/f0002: file of 9 B on the primary only",
            "CHANGED d010/f0010: size 18 B vs 11 B, modified "
                + Rules.time(nanos(FileTime.from(rewritten)), 1)
                + " vs "
                + Rules.time(before, 1),
            "EXTRA d020/extra: file of 1 B on the secondary only",
            "CHANGED d030/f0030: mode 644 on the primary, 600 on the secondary");
    config =
        fx.configFile(
            fx.hosts(),
            ReplicaFixture.replica(
                "big", "primario", primary, "secondario", secondary, "hashBudget: 256KiB"));
    System.out.printf(
        "ReplicaScaleIT: trees of %d files made in %.1f s%n",
        DIRS * FILES, (System.nanoTime() - start) / 1e9);
  }

  /** Faster than JUnit's file-by-file cleanup of 400,000 files. */
  @org.junit.jupiter.api.AfterAll
  static void removeTrees() throws Exception {
    new ReplicaFixture(servers, dir).sh("rm -rf \"$1/primary\" \"$1/secondary\"");
  }

  static long nanos(FileTime t) {
    Instant i = t.toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  JsonNode check(String... more) throws Exception {
    Path gc = dir.resolve("gc-" + more.length + ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Xlog:gc:file=" + gc,
                "-Djava.io.tmpdir=" + dir,
                "-cp",
                System.getProperty("java.class.path"),
                "it.continuo.cli.Main",
                "-c",
                config.toString(),
                "replica",
                "check",
                "big",
                "--json"));
    cmd.addAll(List.of(more));
    Path out = dir.resolve("out.json");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    long live = 0;
    Matcher m = HEAP.matcher(Files.readString(gc));
    while (m.find()) {
      peak = Math.max(peak, Long.parseLong(m.group(1)));
      live = Math.max(live, Long.parseLong(m.group(2)));
    }
    JsonNode result = new ObjectMapper().readTree(out.toFile()).get(0);
    System.out.printf(
        "ReplicaScaleIT: %s check of %d vs %d entries: %.1f s (JVM and all, check %.1f s),"
            + " heap peak %d MiB of 256 (at most %d MiB after a collection), hashed %d files,"
            + " exit %d%n",
        more.length > 0 ? "quick" : "full",
        result.get("primaryEntries").asLong(),
        result.get("secondaryEntries").asLong(),
        seconds,
        result.get("tookSeconds").asDouble(),
        peak,
        live,
        result.get("hashedFiles").asLong(),
        code);
    // every difference is a pending copy made minutes ago: lagging within maxLag
    assertThat(result.get("state").asText()).isEqualTo("LAGGING");
    assertThat(code).isZero();
    // the check itself: both connections, listings, sorts, merge and hashing; the JVM's start on
    // this shared machine comes on top and is printed above
    assertThat(result.get("tookSeconds").asDouble()).isLessThan(15);
    return result;
  }

  List<String> lines(JsonNode result) {
    List<String> all = new ArrayList<>();
    for (JsonNode d : result.get("differences")) {
      all.add(
          d.get("kind").asText() + " " + d.get("path").asText() + ": " + d.get("detail").asText());
    }
    return all;
  }

  @Test
  @DisplayName("quick: metadata only, the exact differences, under 15 s in 256 MiB")
  void quick() throws Exception {
    JsonNode r = check("--quick");
    assertThat(lines(r)).containsExactlyElementsOf(expected);
    assertThat(r.get("primaryEntries").asLong()).isEqualTo(DIRS + DIRS * FILES);
    assertThat(r.get("hashedFiles").asLong()).isZero();
  }

  @Test
  @DisplayName("full with a 256 KiB hash budget: the same differences, a sample hashed, under 15 s")
  void full() throws Exception {
    JsonNode r = check();
    assertThat(lines(r)).containsExactlyElementsOf(expected);
    assertThat(r.get("hashedBytes").asLong()).isPositive().isLessThanOrEqualTo(256 << 10);
  }
}

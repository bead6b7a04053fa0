package it.continuo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.manifest.ManifestFooter;
import it.continuo.manifest.ManifestHeader;
import it.continuo.manifest.ManifestWriter;
import it.continuo.storage.Target;
import it.continuo.storage.local.LocalTarget;
import it.continuo.storage.wrap.ForwardingTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A job's restore points, read from its target")
class JobStoreTest {
  static final Instant START = Instant.parse("2026-11-25T22:00:00Z");

  @TempDir Path dir;
  CountingTarget target;
  JobStore store;

  @BeforeEach
  void setUp() throws Exception {
    target = new CountingTarget(new LocalTarget("nas", dir));
    store = new JobStore(target, "agent", "job");
  }

  @Test
  @DisplayName("cost one read of each manifest's tail, which holds its trailer and footer")
  void oneReadPerRun() throws Exception {
    List<String> runs = List.of("20261123T220000Z-F", "20261124T220000Z-I", "20261125T220000Z-I");
    for (String run : runs) {
      put(run, List.of(runs.get(0)));
    }
    target.ranges = 0;

    List<RestorePoint> points = store.points();

    assertThat(points).extracting(RestorePoint::run).containsExactlyElementsOf(runs);
    assertThat(points).allSatisfy(p -> assertThat(p.damage()).isNull());
    assertThat(points.get(2).footer().needs()).containsExactly(runs.get(0));
    assertThat(target.ranges).isEqualTo(runs.size());
  }

  @Test
  @DisplayName("read a footer larger than that tail with a second read")
  void largeFooter() throws Exception {
    Random random = new Random(3);
    List<String> needs = new ArrayList<>();
    while (needs.size() < 4000) { // random names: the footer stays larger than the tail read
      needs.add(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    }
    put("20261125T220000Z-F", needs);
    target.ranges = 0;

    RestorePoint point = store.points().get(0);

    assertThat(point.damage()).isNull();
    assertThat(point.footer().needs()).isEqualTo(needs);
    assertThat(target.ranges).isEqualTo(2);
  }

  private void put(String run, List<String> needs) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ManifestWriter w = new ManifestWriter(bytes, 3);
    w.header(
        new ManifestHeader(
            run,
            "job",
            run.endsWith("F") ? "full" : "incremental",
            null,
            "srv",
            "host",
            START,
            "continuo test",
            List.of("/srv")));
    w.finish(
        new ManifestFooter(
            run,
            run.endsWith("F") ? "full" : "incremental",
            null,
            START,
            START.plusSeconds(3),
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            run + ".tar.zst",
            0,
            "b".repeat(64),
            needs));
    try (var upload = target.create(store.manifestKey(RunId.parse(run).orElseThrow()))) {
      upload.write(bytes.toByteArray());
      upload.commit();
    }
  }

  /** Counts the range reads that reach the target. */
  static final class CountingTarget extends ForwardingTarget {
    int ranges;

    CountingTarget(Target inner) {
      super(inner);
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
      ranges++;
      return super.openRange(key, offset, length);
    }
  }
}

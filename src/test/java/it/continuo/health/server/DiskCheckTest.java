package it.continuo.health.server;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.Threshold;
import it.continuo.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Free space per file system")
class DiskCheckTest {
  static final long GIB = 1L << 30;

  final TestClock clock = new TestClock(Instant.parse("2026-11-02T08:00:00Z"));
  final List<DiskCheck.Volume> mounted = new ArrayList<>();
  final DiskCheck check =
      new DiskCheck(() -> List.copyOf(mounted), List.of(), new Threshold(0.90, 0.95, 0.05), clock);

  /** /srv of 200 GiB with {@code used} GiB in use and no reserved blocks. */
  void srv(double usedGib) {
    mounted.clear();
    long used = (long) (usedGib * GIB);
    mounted.add(new DiskCheck.Volume("/srv", 200 * GIB, 200 * GIB - used, 200 * GIB - used));
  }

  Finding sampleSrv() {
    return check.sample().findings().stream()
        .filter(f -> f.subject().equals("/srv"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("says how full each file system is, with the figures")
  void message() {
    srv(182);

    Finding f = sampleSrv();

    assertThat(f.severity()).isEqualTo(Severity.WARN);
    assertThat(f.key()).isEqualTo("disk:/srv");
    assertThat(f.message()).isEqualTo("/srv is 91% full (182 GiB of 200 GiB)");
  }

  @Test
  @DisplayName("counts used space as df does, without the blocks reserved for root")
  void reservedBlocks() {
    // 100 GiB, 80 used, 20 free of which 5 reserved: df says 80 / 95 = 84%
    DiskCheck.Volume v = new DiskCheck.Volume("/", 100 * GIB, 20 * GIB, 15 * GIB);

    assertThat(v.usedRatio()).isEqualTo(80.0 / 95.0);
  }

  @Test
  @DisplayName("a disk oscillating around 90% raises one WARN and clears only below 85%")
  void hysteresis() {
    List<Severity> levels = new ArrayList<>();
    for (double pct : new double[] {89, 91, 89, 91, 89, 91, 88, 86, 84}) {
      srv(pct * 2);
      levels.add(sampleSrv().severity());
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(levels)
        .containsExactly(
            Severity.OK,
            Severity.WARN,
            Severity.WARN,
            Severity.WARN,
            Severity.WARN,
            Severity.WARN,
            Severity.WARN,
            Severity.WARN,
            Severity.OK);
  }

  @Test
  @DisplayName("a configured mount point that is not mounted is WARN")
  void notMounted() {
    DiskCheck only =
        new DiskCheck(
            () -> List.of(new DiskCheck.Volume("/", 100 * GIB, 50 * GIB, 50 * GIB)),
            List.of("/srv"),
            new Threshold(0.85, 0.95, 0.05),
            clock);

    HealthCheck.Sample s = only.sample();

    assertThat(s.findings())
        .singleElement()
        .isEqualTo(
            new Finding("disk", "/srv", Severity.WARN, "/srv is not mounted (or not a disk)"));
  }

  @Nested
  @DisplayName("forecasts the days until full")
  class Forecast {
    @Test
    @DisplayName("from a steady growth: 2 GiB a day with 44 GiB left is full in 22 days")
    void steady() {
      HealthCheck.Sample s = null;
      for (int hour = 0; hour <= 72; hour += 6) {
        srv(150 + 2.0 * hour / 24);
        s = check.sample();
        clock.advance(Duration.ofHours(6));
      }

      assertThat(s.findings().get(0).message())
          .isEqualTo(
              "/srv is 78% full (156 GiB of 200 GiB);"
                  + " full in about 22 days at the rate of the last 3 days");
      Reading days =
          s.readings().stream()
              .filter(r -> r.name().equals("disk_full_in_days"))
              .findFirst()
              .orElseThrow();
      assertThat(days.value()).isCloseTo(22.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    @DisplayName("not from too few samples, nor from less than six hours")
    void tooFew() {
      for (int i = 0; i < 10; i++) {
        srv(150 + i);
        assertThat(sampleSrv().message()).doesNotContain("full in");
        clock.advance(Duration.ofMinutes(30));
      }
    }

    @Test
    @DisplayName("not when usage shrinks or stays")
    void notGrowing() {
      for (int i = 0; i < 10; i++) {
        srv(150 - i);
        check.sample();
        clock.advance(Duration.ofHours(1));
      }

      assertThat(sampleSrv().message()).doesNotContain("full in");
    }

    @Test
    @DisplayName("forgets samples older than a week")
    void window() {
      FillForecast f = new FillForecast();
      Instant t = Instant.parse("2026-11-01T00:00:00Z");
      // a burst long ago, then a flat week: no growth left to forecast from
      f.add("/", t, 0);
      f.add("/", t.plus(Duration.ofHours(1)), 100 * GIB);
      for (int day = 2; day <= 9; day++) {
        f.add("/", t.plus(Duration.ofDays(day)), 100 * GIB);
      }

      assertThat(f.untilFull("/", 10 * GIB)).isEmpty();
    }
  }
}

package it.continuo.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Hysteresis")
class HysteresisTest {
  /** Disk thresholds: warn at 90%, critical at 95%, clear 5 points below. */
  final Hysteresis disk = new Hysteresis(new Threshold(0.90, 0.95, 0.05));

  List<Severity> feed(String subject, double... values) {
    List<Severity> levels = new ArrayList<>();
    for (double v : values) {
      levels.add(disk.update(subject, v));
    }
    return levels;
  }

  /** How many times the level went from below WARN to WARN or worse: the alerts one would send. */
  static int raised(List<Severity> levels) {
    int raised = 0;
    Severity before = Severity.OK;
    for (Severity s : levels) {
      if (s.atLeast(Severity.WARN) && !before.atLeast(Severity.WARN)) {
        raised++;
      }
      before = s;
    }
    return raised;
  }

  @Nested
  @DisplayName("a disk oscillating around 90% full")
  class Oscillating {
    @Test
    @DisplayName("raises one WARN, not one per sample")
    void oneWarn() {
      List<Severity> levels = feed("/srv", 0.89, 0.91, 0.89, 0.91, 0.89, 0.91, 0.89, 0.91);

      assertThat(levels.get(0)).isEqualTo(Severity.OK);
      assertThat(levels.subList(1, levels.size())).containsOnly(Severity.WARN);
      assertThat(raised(levels)).isEqualTo(1);
    }

    @Test
    @DisplayName("without hysteresis the same values would flap four times")
    void withoutHysteresisItFlaps() {
      Hysteresis none = new Hysteresis(new Threshold(0.90, 0.95, 0));
      List<Severity> levels = new ArrayList<>();
      for (double v : new double[] {0.89, 0.91, 0.89, 0.91, 0.89, 0.91, 0.89, 0.91}) {
        levels.add(none.update("/srv", v));
      }

      assertThat(raised(levels)).isEqualTo(4);
    }

    @Test
    @DisplayName("clears only below 85%")
    void clearsBelowWarnMinusClear() {
      feed("/srv", 0.91);

      assertThat(feed("/srv", 0.88, 0.86, 0.85)).containsOnly(Severity.WARN);
      assertThat(disk.update("/srv", 0.8499)).isEqualTo(Severity.OK);
      assertThat(disk.update("/srv", 0.89))
          .as("cleared: below warn is OK again")
          .isEqualTo(Severity.OK);
    }
  }

  @Test
  @DisplayName("a CRITICAL holds down to critical minus clear, then falls to WARN, then to OK")
  void criticalStepsDown() {
    assertThat(feed("/", 0.96, 0.92, 0.90, 0.89, 0.84))
        .containsExactly(
            Severity.CRITICAL, Severity.CRITICAL, Severity.CRITICAL, Severity.WARN, Severity.OK);
  }

  @Test
  @DisplayName("a value jumping past critical is CRITICAL at once")
  void jumpsStraightToCritical() {
    assertThat(feed("/", 0.50, 0.97)).containsExactly(Severity.OK, Severity.CRITICAL);
  }

  @Test
  @DisplayName("keeps one state per subject")
  void perSubject() {
    disk.update("/", 0.91);

    assertThat(disk.update("/srv", 0.88)).isEqualTo(Severity.OK);
    assertThat(disk.update("/", 0.88)).isEqualTo(Severity.WARN);
  }

  @Test
  @DisplayName("forgets a subject that is gone")
  void forgets() {
    disk.update("/mnt/usb", 0.91);
    disk.forget("/mnt/usb");

    assertThat(disk.update("/mnt/usb", 0.88)).isEqualTo(Severity.OK);
  }
}

package it.continuo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A run id")
class RunIdTest {
  @Test
  @DisplayName("is the UTC start second and the level, and parses back")
  void format() {
    RunId id = new RunId(Instant.parse("2026-11-23T22:00:00.987Z"), Level.FULL);
    assertThat(id.toString()).isEqualTo("20261123T220000Z-F");
    assertThat(RunId.parse("20261123T220000Z-I"))
        .contains(new RunId(Instant.parse("2026-11-23T22:00:00Z"), Level.INCREMENTAL));
  }

  @Test
  @DisplayName("rejects anything else")
  void rejects() {
    assertThat(RunId.parse("20261123T220000Z-X")).isEmpty();
    assertThat(RunId.parse("20261323T220000Z-F")).isEmpty();
    assertThat(RunId.parse(".20261123T220000Z-F")).isEmpty();
    assertThat(RunId.parse(null)).isEmpty();
  }

  @Test
  @DisplayName("moves past the latest run when the clock says the same second or earlier")
  void monotonic() {
    RunId latest = RunId.parse("20261123T220000Z-F").orElseThrow();
    assertThat(RunId.next(Instant.parse("2026-11-23T22:00:00.5Z"), Level.INCREMENTAL, latest))
        .hasToString("20261123T220001Z-I");
    assertThat(RunId.next(Instant.parse("2026-11-23T21:00:00Z"), Level.INCREMENTAL, latest))
        .hasToString("20261123T220001Z-I");
    assertThat(RunId.next(Instant.parse("2026-11-24T22:00:00Z"), Level.INCREMENTAL, latest))
        .hasToString("20261124T220000Z-I");
  }

  @Test
  @DisplayName("sorts in time order as a string")
  void sorting() {
    assertThat("20261123T220000Z-I").isLessThan("20261123T220001Z-F");
    assertThat(RunId.parse("20261123T220000Z-I").orElseThrow())
        .isLessThan(RunId.parse("20261124T000000Z-F").orElseThrow());
  }
}

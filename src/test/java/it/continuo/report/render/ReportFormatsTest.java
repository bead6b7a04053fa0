package it.continuo.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.report.Finding;
import it.continuo.report.Findings;
import it.continuo.report.Rag;
import it.continuo.report.SampleReports;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Figures as each language writes them. */
class ReportFormatsTest {
  static final Formats IT = new Formats(Messages.forLanguage("it"), SampleReports.ROME);
  static final Formats EN = new Formats(Messages.forLanguage("en"), SampleReports.ROME);

  @Nested
  @DisplayName("durations")
  class Durations {
    @Test
    @DisplayName("in the two largest units, in words, singular and plural")
    void words() {
      assertThat(IT.duration(Duration.ofMinutes(200))).isEqualTo("3 ore 20 min");
      assertThat(EN.duration(Duration.ofMinutes(200))).isEqualTo("3 hours 20 min");
      assertThat(IT.duration(Duration.ofHours(25))).isEqualTo("1 giorno 1 ora");
      assertThat(EN.duration(Duration.ofHours(49))).isEqualTo("2 days 1 hour");
      assertThat(IT.duration(Duration.ofDays(2).plusMinutes(5))).isEqualTo("2 giorni");
      assertThat(IT.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
    }
  }

  @Test
  @DisplayName("sizes in decimal units with the language's separators")
  void bytes() {
    assertThat(IT.bytes(1_234_500_000L)).isEqualTo("1,2 GB");
    assertThat(IT.bytes(1_234_500L)).isEqualTo("1,2 MB");
    assertThat(IT.bytes(999)).isEqualTo("999 B");
    assertThat(EN.bytes(1_234_500_000_000L)).isEqualTo("1.2 TB");
    assertThat(IT.decimal().format(1234.5)).isEqualTo("1.234,5");
    assertThat(EN.decimal().format(1234.5)).isEqualTo("1,234.5");
    assertThat(IT.rate(85_500_000)).isEqualTo("85,5 MB/s");
  }

  @Test
  @DisplayName("dates and times in the agent's zone")
  void dates() {
    Instant evening = Instant.parse("2026-11-24T21:00:00Z");
    assertThat(IT.dateTime(evening)).isEqualTo("24/11/2026 22:00");
    assertThat(EN.dateTime(evening)).isEqualTo("24 Nov 2026 22:00");
    assertThat(IT.date(SampleReports.DAY)).isEqualTo("25/11/2026");
    assertThat(IT.percent(0.62)).isEqualTo("62%");
  }

  @Test
  @DisplayName("a target never verified says never, not 'since null'")
  void neverVerified() {
    Finding never = Finding.of(Rag.AMBER, Findings.NOT_VERIFIED, "uno-nas", "cloud");
    assertThat(IT.finding(never)).isEqualTo("job uno-nas, destinazione cloud: mai verificata");
    Finding since =
        Finding.of(
            Rag.AMBER,
            Findings.NOT_VERIFIED,
            "uno-nas",
            "cloud",
            Instant.parse("2026-11-20T05:00:00Z"));
    assertThat(EN.finding(since))
        .isEqualTo("job uno-nas, target cloud: not verified since 20 Nov 2026 06:00");
  }

  @Test
  @DisplayName("a finding code newer than the bundles shows its code and arguments")
  void unknownCode() {
    assertThat(IT.finding(Finding.of(Rag.AMBER, "ups-on-battery", 42)))
        .isEqualTo("ups-on-battery [42]");
  }

  @Test
  @DisplayName("a language other than English is written in Italian")
  void defaultLanguage() {
    assertThat(Messages.forLanguage("de").language()).isEqualTo("it");
    assertThat(Messages.forLanguage(null).language()).isEqualTo("it");
  }
}

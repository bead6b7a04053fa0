package it.continuo.report.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.report.RenderedReport;
import it.continuo.report.deliver.ReportArchive.Format;
import it.continuo.testing.SampleReports;
import it.continuo.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The report archive")
class ReportArchiveTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  @TempDir Path data;
  final TestClock clock = new TestClock(Instant.parse("2026-11-26T05:00:00Z"));

  ReportArchive archive() {
    return new ReportArchive(data.resolve("reports"), 30, clock);
  }

  Path reports() {
    return data.resolve("reports");
  }

  static String text(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static Stream<String> names(Path dir) throws Exception {
    return Files.list(dir).map(p -> p.getFileName().toString()).sorted();
  }

  @Nested
  @DisplayName("when saving")
  class Saving {
    @Test
    @DisplayName("keeps the HTML, the PDF and the JSON of the day in YYYY-MM-DD/")
    void save() throws Exception {
      RenderedReport report = SampleReports.of(DAY);
      Path day = archive().save(report);

      assertThat(day).isEqualTo(reports().resolve("2026-11-25"));
      assertThat(names(day)).containsExactly("report.html", "report.json", "report.pdf");
      assertThat(text(day.resolve("report.html"))).isEqualTo(report.html());
      assertThat(day.resolve("report.pdf")).hasBinaryContent(report.pdf());
      assertThat(day.resolve("report.json")).hasBinaryContent(report.json());
      assertThat(names(reports())).as("no temporary left").containsExactly("2026-11-25");
    }

    @Test
    @DisplayName("lists the days newest first, and the newest as the latest")
    void list() throws Exception {
      ReportArchive archive = archive();
      assertThat(archive.dates()).as("before the first save").isEmpty();
      assertThat(archive.latest()).isEmpty();
      for (LocalDate day : new LocalDate[] {DAY.minusDays(1), DAY, DAY.minusDays(7)}) {
        archive.save(SampleReports.of(day));
      }
      assertThat(archive.dates()).containsExactly(DAY, DAY.minusDays(1), DAY.minusDays(7));
      assertThat(archive.latest()).contains(DAY);
    }

    @Test
    @DisplayName("finds each file of a day by format, and none of a day not kept")
    void file() throws Exception {
      ReportArchive archive = archive();
      archive.save(SampleReports.of(DAY));
      assertThat(archive.file(DAY, Format.PDF))
          .contains(reports().resolve("2026-11-25/report.pdf"));
      assertThat(archive.file(DAY, Format.JSON))
          .contains(reports().resolve("2026-11-25/report.json"));
      assertThat(archive.file(DAY.minusDays(1), Format.HTML)).isEmpty();
      assertThat(Format.HTML.contentType()).isEqualTo("text/html; charset=utf-8");
      assertThat(Format.PDF.contentType()).isEqualTo("application/pdf");
      assertThat(Format.JSON.contentType()).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    @DisplayName("replaces a day saved again, whole, leaving nothing aside")
    void replace() throws Exception {
      ReportArchive archive = archive();
      archive.save(SampleReports.of(DAY, "first"));
      RenderedReport second = SampleReports.of(DAY, "second");
      archive.save(second);

      assertThat(archive.dates()).containsExactly(DAY);
      assertThat(text(reports().resolve("2026-11-25/report.html")))
          .contains("second")
          .doesNotContain("first");
      assertThat(names(reports())).containsExactly("2026-11-25");
    }
  }

  @Nested
  @DisplayName("after a crash")
  class AfterCrash {
    @Test
    @DisplayName("never lists a half-written day, and deletes it on the next save")
    void halfWritten() throws Exception {
      Path temp = Files.createDirectories(reports().resolve(".tmp-2026-11-24-0a1b2c3d-4e5f"));
      Files.writeString(temp.resolve("report.html"), "<html><body>half");
      ReportArchive archive = archive();

      assertThat(archive.dates()).isEmpty();
      assertThat(archive.file(LocalDate.of(2026, 11, 24), Format.HTML)).isEmpty();
      archive.save(SampleReports.of(DAY));
      assertThat(temp).doesNotExist();
      assertThat(archive.dates()).containsExactly(DAY);
    }

    @Test
    @DisplayName("puts back a day left aside between the two renames of a replacement")
    void leftAside() throws Exception {
      Path aside = Files.createDirectories(reports().resolve(".old-2026-11-24-0a1b2c3d-4e5f"));
      Files.writeString(aside.resolve("report.html"), "the old one");
      ReportArchive archive = archive();

      archive.save(SampleReports.of(DAY));
      assertThat(archive.dates()).containsExactly(DAY, LocalDate.of(2026, 11, 24));
      assertThat(text(reports().resolve("2026-11-24/report.html"))).isEqualTo("the old one");
      assertThat(aside).doesNotExist();
    }

    @Test
    @DisplayName("deletes a day left aside when the new one made it into place")
    void leftAsideReplaced() throws Exception {
      ReportArchive archive = archive();
      archive.save(SampleReports.of(DAY, "new"));
      Path aside = Files.createDirectories(reports().resolve(".old-2026-11-25-0a1b2c3d-4e5f"));
      Files.writeString(aside.resolve("report.html"), "the old one");

      archive.prune();
      assertThat(aside).doesNotExist();
      assertThat(text(reports().resolve("2026-11-25/report.html"))).contains("new");
    }
  }

  @Nested
  @DisplayName("when pruning")
  class Pruning {
    @Test
    @DisplayName("keeps the day exactly keepDays old and deletes the older ones")
    void boundary() throws Exception {
      ReportArchive archive = archive(); // 30 days; today is 2026-11-26 in UTC
      LocalDate today = LocalDate.of(2026, 11, 26);
      for (int age : new int[] {0, 1, 29, 30, 31, 32, 400}) {
        archive.save(SampleReports.of(today.minusDays(age)));
      }

      assertThat(archive.prune())
          .containsExactly(today.minusDays(31), today.minusDays(32), today.minusDays(400));
      assertThat(archive.dates())
          .containsExactly(today, today.minusDays(1), today.minusDays(29), today.minusDays(30));
      assertThat(names(reports())).hasSize(4);
      assertThat(archive.prune()).as("a second prune").isEmpty();
    }

    @Test
    @DisplayName("counts days in the clock's zone")
    void zone() throws Exception {
      Instant now = Instant.parse("2026-11-25T23:30:00Z"); // already the 26th in Rome
      LocalDate day = LocalDate.of(2026, 11, 24);
      Clock utc = Clock.fixed(now, ZoneOffset.UTC);
      new ReportArchive(reports(), 1, utc).save(SampleReports.of(day));

      assertThat(new ReportArchive(reports(), 1, utc).prune()).isEmpty();
      Clock rome = Clock.fixed(now, ZoneId.of("Europe/Rome"));
      assertThat(new ReportArchive(reports(), 1, rome).prune()).containsExactly(day);
    }

    @Test
    @DisplayName("leaves alone what is not a day: files, other directories, impossible dates")
    void strangers() throws Exception {
      ReportArchive archive = archive();
      Files.createDirectories(reports());
      Files.writeString(reports().resolve("README.txt"), "kept by the operator");
      Files.writeString(reports().resolve("2020-01-01"), "a file named like a day");
      Files.createDirectories(reports().resolve("2020-13-45"));
      Files.createDirectories(reports().resolve("2020-01-02.bak"));
      Files.createDirectories(reports().resolve(".tmp-notes"));

      assertThat(archive.dates()).isEmpty();
      assertThat(archive.prune()).isEmpty();
      archive.save(SampleReports.of(DAY));
      assertThat(names(reports()))
          .containsExactly(
              ".tmp-notes",
              "2020-01-01",
              "2020-01-02.bak",
              "2020-13-45",
              "2026-11-25",
              "README.txt");
    }
  }
}

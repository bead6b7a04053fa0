package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("continuo report")
class ReportCommandTest {
  static final String JOB = Workspace.JOB;

  @TempDir Path tmp;
  Workspace ws;
  GreenMail smtp;

  @BeforeEach
  void aBackupVerifiedTonight() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    for (int i = 0; i < 4; i++) {
      Files.writeString(ws.source.resolve("pratica-" + i + ".txt"), "pratica " + i + "\n");
    }
    assertThat(ws.cli("backup", JOB).exitCode()).isZero();
    assertThat(ws.cli("verify", JOB, "--nightly").exitCode()).isZero();
    smtp = new GreenMail(ServerSetup.SMTP.createCopy("127.0.0.1").dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  /** Adds the service catalogue and the report's mail settings, to {@code port}. */
  void catalogueAndMail(int port) throws Exception {
    Files.writeString(
        ws.config,
        """
        services:
          - { name: Gestione pratiche, tier: 2, rpo: 24h, rto: 4h, jobs: [%s] }
        reports:
          email:
            host: 127.0.0.1
            port: %d
            security: none
            from: continuo@studio.example
            to: [rco@studio.example]
        """
            .formatted(JOB, port),
        StandardOpenOption.APPEND);
  }

  @Test
  @DisplayName("makes today's report, keeps it, writes it to --out and mails it with --email")
  void makesKeepsWritesAndMails() throws Exception {
    catalogueAndMail(smtp.getSmtp().getPort());
    Path out = tmp.resolve("out");

    CliResult r = ws.cli("report", "--out", out.toString(), "--email");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String subject = r.out().lines().findFirst().orElseThrow();
    assertThat(subject).startsWith("[Continuo] ");
    String today = LocalDate.now(ZoneId.of("Europe/Rome")).toString();
    Path kept = ws.data.resolve("reports").resolve(today);
    assertThat(r.out()).contains("kept in " + kept).contains("mailed to rco@studio.example");
    for (String name : new String[] {"report.html", "report.pdf", "report.json"}) {
      assertThat(kept.resolve(name)).isNotEmptyFile();
      assertThat(out.resolve(name)).hasSameBinaryContentAs(kept.resolve(name));
    }
    assertThat(Files.readString(out.resolve("report.html"))).contains("Gestione pratiche");
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(json.get("services").get(0).get("name").asText()).isEqualTo("Gestione pratiche");
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).isEqualTo(subject);
  }

  @Test
  @DisplayName("a report that cannot be mailed is kept, and the command says why and exits 1")
  void notMailed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    catalogueAndMail(closed);

    CliResult r = ws.cli("report", "--email");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err())
        .contains("the report was not mailed")
        .contains("cannot connect to the SMTP server 127.0.0.1:" + closed);
    assertThat(ws.data.resolve("reports")).isDirectoryContaining(p -> true);
  }

  @Test
  @DisplayName("an earlier day is reported as of its end; a bad or future date is a usage error")
  void dates() throws Exception {
    CliResult earlier = ws.cli("report", "--date", "2026-01-15");
    assertThat(earlier.exitCode()).as(earlier.toString()).isZero();
    assertThat(ws.data.resolve("reports/2026-01-15/report.pdf")).isNotEmptyFile();

    CliResult bad = ws.cli("report", "--date", "2026-13-45");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--date must be YYYY-MM-DD");

    CliResult future = ws.cli("report", "--date", "2999-01-01");
    assertThat(future.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(future.err()).contains("is in the future");
  }

  @Test
  @DisplayName("--email without reports.email in the configuration is a usage error")
  void noMailSettings() {
    CliResult r = ws.cli("report", "--email");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no reports.email section");
  }
}

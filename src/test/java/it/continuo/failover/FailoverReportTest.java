package it.continuo.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.config.StepConfig;
import it.continuo.history.FailoverRecord;
import it.continuo.history.History;
import it.continuo.history.HistoryEvent;
import it.continuo.report.deliver.ReportMailer;
import it.continuo.report.drill.DrillReports;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("At the end of a run, its report is written, recorded and mailed")
class FailoverReportTest {
  static final String RCO = "rco@ente.example";
  static final String PASSWORD = "pw-Segreto-4711";

  @TempDir Path dir;
  final List<String> journal = FakeStep.journal();
  final Map<String, FakeStep> fakes = new HashMap<>();
  GreenMail mail;
  History history;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    mail = new GreenMail(ServerSetup.SMTP.createCopy("127.0.0.1").dynamicPort());
    mail.start();
    mail.setUser(RCO, RCO, PASSWORD);
    history = History.open(dir.resolve("history"));
  }

  @AfterEach
  void stop() {
    mail.stop();
    history.close();
  }

  Config config(int smtpPort) throws Exception {
    String keys = "key: " + dir.resolve("id") + ", knownHosts: " + dir.resolve("known_hosts");
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: %2$s, language: it, timezone: Europe/Rome }
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        replicas: { uno: { primary: { host: primario, path: /srv/uno }, secondary: { host: secondario, path: /srv/uno }, maxLag: 15m } }
        services:
          - { name: Gestionale Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: uno, runbook: uno }
        reports:
          email: { host: 127.0.0.1, port: %3$d, security: none, user: %4$s, password: "${env:SMTP_PASSWORD}", from: continuo@ente.example, to: [%4$s] }
        failover:
          drillEvery: 180d
          runbooks:
            uno:
              service: Gestionale Uno
              primary: primario
              secondary: secondario
              steps:
                - { check-replica: uno, name: replica }
                - { ssh: { host: secondario, run: "true" }, name: start-uno }
                - { verify: { tcp: "secondario:80" }, name: verify-uno }
        """
            .formatted(keys, dir.resolve("data"), smtpPort, RCO));
    return new ConfigLoader(Map.of("SMTP_PASSWORD", PASSWORD)).load(file);
  }

  FailoverRun drill(Config config) throws Exception {
    DrillReports reports =
        new DrillReports(
            config,
            history,
            new ReportMailer(config.reports().email(), Duration.ofSeconds(5), Clock.systemUTC()),
            Clock.systemUTC());
    Failover f =
        Failover.builder(config)
            .history(history)
            .steps(
                (StepConfig c) -> fakes.computeIfAbsent(c.label(), l -> new FakeStep(c, journal)))
            .afterRun(reports)
            .build();
    f.plan("uno");
    fakes.get("replica").facts = Map.of(StepOutcome.RPO_SECONDS, "42");
    fakes.get("replica").undoable = false;
    fakes.get("verify-uno").undoable = false;
    return f.drill("uno", Failover.Options.by("mrossi"));
  }

  @Test
  @DisplayName(
      "a drill: HTML and PDF under reports/drills, the path on the run, mailed with the PDF")
  void drillReport() throws Exception {
    Config config = config(mail.getSmtp().getPort());
    FailoverRun run = drill(config);
    assertThat(run.succeeded()).isTrue();

    FailoverRecord recorded = history.failoverRun(run.id()).orElseThrow();
    assertThat(recorded.reportPath()).isNotNull();
    Path html = Path.of(recorded.reportPath());
    assertThat(html.getParent()).isEqualTo(dir.resolve("data/reports/drills"));
    assertThat(html.getFileName().toString())
        .matches("\\d{4}-\\d{2}-\\d{2}-uno-" + run.id() + ".html");
    assertThat(Files.readString(html))
        .contains("Verbale della prova di disaster recovery — Gestionale Uno", "start-uno");
    Path pdf = html.resolveSibling(html.getFileName().toString().replace(".html", ".pdf"));
    assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes());

    assertThat(mail.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage received = mail.getReceivedMessages()[0];
    assertThat(received.getSubject())
        .startsWith("[Continuo] Verbale della prova di disaster recovery — Gestionale Uno — ")
        .endsWith(": riuscita");
    MimeMultipart mixed = (MimeMultipart) received.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    String body =
        ((String) ((MimeMultipart) mixed.getBodyPart(0).getContent()).getBodyPart(0).getContent());
    assertThat(body).contains("RISPETTATO", "verify-uno");
    BodyPart attachment = mixed.getBodyPart(1);
    assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(attachment.getFileName()).isEqualTo(pdf.getFileName().toString());
    try (PDDocument doc = Loader.loadPDF(attachment.getInputStream().readAllBytes())) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains("Verbale della prova di disaster recovery", "start-uno");
    }
  }

  @Test
  @DisplayName("a mail that cannot go is recorded in the history and does not fail the drill")
  void mailFails() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Config config = config(closed);
    FailoverRun run = drill(config);
    assertThat(run.succeeded()).isTrue();
    assertThat(history.failoverRun(run.id()).orElseThrow().reportPath()).isNotNull();
    List<HistoryEvent> events = history.events(Instant.EPOCH, 100);
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo("report");
              assertThat(e.severity()).isEqualTo("error");
              assertThat(e.message()).contains("failover run " + run.id(), "kept in");
            });
  }
}

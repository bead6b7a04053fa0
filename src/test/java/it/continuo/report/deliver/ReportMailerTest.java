package it.continuo.report.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.ServerSetup;
import it.continuo.config.EmailConfig;
import it.continuo.report.RenderedReport;
import it.continuo.testing.SampleReports;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The report mailer")
class ReportMailerTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  static final String SUBJECT = "Continuità — rapporto del 25/11: è tutto in ordine";

  @TempDir Path dir;
  final RenderedReport report = SampleReports.of(DAY, SUBJECT);
  Smtp smtp;

  @AfterEach
  void stop() {
    if (smtp != null) {
      smtp.close();
    }
  }

  ReportMailer mailer(String security, String password) throws Exception {
    return mailer(smtp.config(dir, security, password).reports().email());
  }

  static ReportMailer mailer(EmailConfig email) {
    return new ReportMailer(email, Duration.ofSeconds(5), Clock.systemUTC());
  }

  static String text(Object content) {
    return ((String) content).replace("\r\n", "\n");
  }

  @Nested
  @DisplayName("through a server that takes the report")
  class Delivered {
    MimeMessage received;

    @BeforeEach
    void send() throws Exception {
      smtp = new Smtp(ServerSetup.SMTP);
      mailer("none", Smtp.PASSWORD).send(report);
      assertThat(smtp.mail.waitForIncomingEmail(5_000, 2)).isTrue();
      received = smtp.mail.getReceivedMessages()[0];
    }

    @Test
    @DisplayName("delivers one copy to each recipient, from the configured sender")
    void recipients() throws Exception {
      assertThat(smtp.mail.getReceivedMessages()).hasSize(2);
      for (String to : new String[] {Smtp.USER, Smtp.OTHER}) {
        assertThat(smtp.mail.findReceivedMessages(u -> u.getEmail().equals(to), m -> true))
            .as(to)
            .hasSize(1);
      }
      assertThat(received.getRecipients(MimeMessage.RecipientType.TO))
          .extracting(Address::toString)
          .containsExactly(Smtp.USER, Smtp.OTHER);
      assertThat(received.getFrom()).containsExactly(new InternetAddress(Smtp.FROM));
    }

    @Test
    @DisplayName("has the report's subject, non-ASCII included, encoded as UTF-8")
    void subject() throws Exception {
      assertThat(received.getSubject()).isEqualTo(SUBJECT);
      assertThat(received.getHeader("Subject", null)).startsWith("=?UTF-8?");
    }

    @Test
    @DisplayName("is multipart/mixed of the HTML body with its chart inline, and the PDF")
    void structure() throws Exception {
      assertThat(received.isMimeType("multipart/mixed")).isTrue();
      MimeMultipart mixed = (MimeMultipart) received.getContent();
      assertThat(mixed.getCount()).isEqualTo(2);
      assertThat(mixed.getBodyPart(0).isMimeType("multipart/related")).isTrue();
      assertThat(mixed.getBodyPart(1).isMimeType("application/pdf")).isTrue();
    }

    @Test
    @DisplayName("has the mail HTML as its body, in UTF-8, referencing the chart by cid:")
    void body() throws Exception {
      BodyPart html = related().getBodyPart(0);
      assertThat(html.isMimeType("text/html")).isTrue();
      assertThat(html.getContentType()).containsIgnoringCase("charset=UTF-8");
      assertThat(text(html.getContent())).isEqualTo(report.mailHtml());
      assertThat(text(html.getContent())).contains("src=\"cid:chart-1\"", "Perché è verde");
    }

    @Test
    @DisplayName(
        "carries the chart inline, under the Content-ID the body references, byte for byte")
    void chart() throws Exception {
      BodyPart chart = related().getBodyPart(1);
      assertThat(related().getCount()).isEqualTo(2);
      assertThat(chart.isMimeType("image/png")).isTrue();
      assertThat(chart.getHeader("Content-ID")).containsExactly("<chart-1>");
      assertThat(chart.getDisposition()).isEqualTo(Part.INLINE);
      assertThat(chart.getInputStream().readAllBytes())
          .isEqualTo(report.images().get(SampleReports.CHART));
    }

    @Test
    @DisplayName("attaches the PDF as continuo-report-YYYY-MM-DD.pdf, byte for byte")
    void pdf() throws Exception {
      BodyPart pdf = ((MimeMultipart) received.getContent()).getBodyPart(1);
      assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
      assertThat(pdf.getFileName()).isEqualTo("continuo-report-2026-11-25.pdf");
      assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(report.pdf());
    }

    MimeMultipart related() throws Exception {
      return (MimeMultipart) ((MimeMultipart) received.getContent()).getBodyPart(0).getContent();
    }
  }

  @Test
  @DisplayName("mails without logging in when reports.email has no user")
  void noLogin() throws Exception {
    smtp = new Smtp(ServerSetup.SMTP);
    EmailConfig email = smtp.config(dir, "none", null).reports().email();
    assertThat(email.user()).isNull();
    mailer(email).send(report);
    assertThat(smtp.mail.waitForIncomingEmail(5_000, 2)).isTrue();
  }

  @Nested
  @DisplayName("says clearly, without the password, why it could not mail")
  class Refused {
    @Test
    @DisplayName("when the server refuses the login")
    void wrongPassword() throws Exception {
      smtp = new Smtp(ServerSetup.SMTP);
      String wrong = "not-the-Password-0000";
      assertThatThrownBy(() -> mailer("none", wrong).send(report))
          .isInstanceOf(ReportMailException.class)
          .hasMessageStartingWith(
              "the SMTP server 127.0.0.1:"
                  + smtp.port()
                  + " refused the login of user rco@studio.example: 535")
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(Smtp.PASSWORD);
      assertThat(smtp.mail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("when nothing listens at the address")
    void unreachable() throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = socket.getLocalPort();
      }
      EmailConfig email = Smtp.config(dir, port, "none", Smtp.PASSWORD).reports().email();
      assertThatThrownBy(() -> mailer(email).send(report))
          .isInstanceOf(ReportMailException.class)
          .hasMessage(
              "cannot connect to the SMTP server 127.0.0.1:" + port + ": Connection refused");
    }

    @Test
    @DisplayName("when the server does not answer, within the timeout")
    void silent() throws Exception {
      try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        EmailConfig email =
            Smtp.config(dir, silent.getLocalPort(), "none", Smtp.PASSWORD).reports().email();
        ReportMailer mailer = new ReportMailer(email, Duration.ofMillis(300), Clock.systemUTC());
        long start = System.nanoTime();
        assertThatThrownBy(() -> mailer.send(report))
            .isInstanceOf(ReportMailException.class)
            .hasMessageContaining("127.0.0.1:" + silent.getLocalPort())
            .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      }
    }

    @Test
    @DisplayName("when STARTTLS is required and the server does not offer it, before any login")
    void noStartTls() throws Exception {
      smtp = new Smtp(ServerSetup.SMTP); // GreenMail's SMTP has no STARTTLS
      assertThatThrownBy(() -> mailer("starttls", Smtp.PASSWORD).send(report))
          .isInstanceOf(ReportMailException.class)
          .hasMessageContaining("127.0.0.1:" + smtp.port())
          .hasMessageContaining("STARTTLS is required but host does not support STARTTLS")
          .hasMessageNotContaining(Smtp.PASSWORD);
      assertThat(smtp.mail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("when the TLS server's certificate is not trusted")
    void untrustedTls() throws Exception {
      smtp = new Smtp(ServerSetup.SMTPS); // GreenMail's own self-signed certificate
      assertThatThrownBy(() -> mailer("tls", Smtp.PASSWORD).send(report))
          .isInstanceOf(ReportMailException.class)
          .hasMessageContaining("127.0.0.1:" + smtp.port())
          .hasMessageContaining("certification path")
          .hasMessageNotContaining(Smtp.PASSWORD);
      assertThat(smtp.mail.getReceivedMessages()).isEmpty();
    }
  }
}

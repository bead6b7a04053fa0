package it.continuo.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import it.continuo.alert.Alert;
import it.continuo.alert.AlertException;
import it.continuo.alert.AlertState;
import it.continuo.config.AlertsConfig;
import it.continuo.config.AlertsYaml;
import it.continuo.config.EmailConfig;
import it.continuo.health.Severity;
import it.continuo.mail.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each channel against a real server or program on this machine. */
@DisplayName("Alert channels")
class AlertChannelsTest {
  static final Alert ALERT =
      new Alert(
          "srv-primario",
          "raid:md0",
          "raid",
          "md0",
          Severity.CRITICAL,
          "md0 is running on one disk",
          Instant.parse("2026-11-26T02:00:00Z"),
          AlertState.ESCALATED,
          Instant.parse("2026-11-26T05:00:00Z"));

  @Nested
  @DisplayName("email")
  class Email {
    GreenMail mail;

    @AfterEach
    void stop() {
      if (mail != null) {
        mail.stop();
      }
    }

    @Test
    @DisplayName("mails subject and body to the channel's addresses, through the report's server")
    void greenMail() throws Exception {
      mail = new GreenMail(ServerSetup.SMTP.createCopy("127.0.0.1").dynamicPort());
      mail.start();
      EmailConfig reports =
          new EmailConfig(
              "127.0.0.1",
              mail.getSmtp().getPort(),
              EmailConfig.Security.NONE,
              null,
              null,
              "continuo@studio.example",
              List.of("report-only@studio.example"));
      AlertsConfig alerts =
          new AlertsConfig(
              Map.of(
                  "sysadmin",
                  new AlertsConfig.Email(List.of("sysadmin@studio.example", "rco@studio.example"))),
              null,
              List.of(),
              Severity.WARN);
      Channels.create(alerts, reports).get("sysadmin").send(ALERT);

      MimeMessage[] received = mail.getReceivedMessages();
      assertThat(received).hasSize(2); // one per recipient
      MimeMessage m = received[0];
      assertThat(java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString))
          .containsExactly("sysadmin@studio.example", "rco@studio.example");
      assertThat(m.getSubject())
          .isEqualTo("[Continuo] CRITICAL (escalated): md0 is running on one disk");
      assertThat(m.getFrom()[0].toString()).isEqualTo("continuo@studio.example");
      String body = GreenMailUtil.getBody(m);
      assertThat(body)
          .contains("CRITICAL: md0 is running on one disk")
          .contains("Incident:   raid:md0")
          .contains("State:      escalated")
          .contains("First seen: 2026-11-26 02:00 UTC")
          .contains("Agent:      srv-primario")
          .contains("continuo ack raid:md0");
    }

    @Test
    @DisplayName("says which server when it cannot connect")
    void unreachable() throws Exception {
      int port = closedPort();
      EmailConfig server =
          new EmailConfig(
              "127.0.0.1",
              port,
              EmailConfig.Security.NONE,
              null,
              null,
              "c@studio.example",
              List.of());
      assertThatThrownBy(
              () ->
                  new EmailChannel(
                          "sysadmin",
                          new SmtpServer(server, Duration.ofSeconds(5)),
                          List.of("s@studio.example"))
                      .send(ALERT))
          .isInstanceOf(AlertException.class)
          .hasMessageContaining("channel sysadmin")
          .hasMessageContaining("cannot connect to the SMTP server 127.0.0.1:" + port);
    }
  }

  @Nested
  @DisplayName("webhook")
  class Webhook {
    HttpServer http;
    final List<String> bodies = new ArrayList<>();
    final List<String> authorizations = new ArrayList<>();
    volatile int status = 204;

    @AfterEach
    void stop() {
      if (http != null) {
        http.stop(0);
      }
    }

    URI start() throws Exception {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext(
          "/hooks/",
          exchange -> {
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = status == 204 ? new byte[0] : "quota exceeded\n".getBytes();
            exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
            if (answer.length > 0) {
              exchange.getResponseBody().write(answer);
            }
            exchange.close();
          });
      http.start();
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hooks/T0KEN-in-path");
    }

    @Test
    @DisplayName("POSTs the alert as JSON with the bearer token")
    void posts(@TempDir Path dir) throws Exception {
      URI url = start();
      Path tokenFile = Files.writeString(dir.resolve("token"), "tok-0123456789abcdef\n");
      AlertsConfig alerts =
          AlertsYaml.read(
              """
              alerts:
                channels:
                  chat: { type: webhook, url: "%s", token: "${file:token}", timeout: 5s }
                escalation: [ { after: 0m, to: [chat] } ]
              """
                  .formatted(url),
              dir,
              Map.of(),
              new ArrayList<>());
      Channels.create(alerts, null).get("chat").send(ALERT);

      assertThat(authorizations).containsExactly("Bearer tok-0123456789abcdef");
      JsonNode json = new ObjectMapper().readTree(bodies.get(0));
      assertThat(json.get("incident").asText()).isEqualTo("raid:md0");
      assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
      assertThat(json.get("state").asText()).isEqualTo("escalated");
      assertThat(json.get("message").asText()).isEqualTo("md0 is running on one disk");
      assertThat(json.get("firstSeen").asText()).isEqualTo("2026-11-26T02:00:00Z");
      assertThat(json.get("agent").asText()).isEqualTo("srv-primario");
      assertThat(json.get("title").asText()).startsWith("[Continuo] CRITICAL");
    }

    @Test
    @DisplayName("sends no Authorization header without a token")
    void noToken() throws Exception {
      URI url = start();
      new WebhookChannel("chat", url, null, Duration.ofSeconds(5)).send(ALERT);
      assertThat(authorizations).containsExactly((String) null);
    }

    @Test
    @DisplayName("fails on an answer other than 2xx, with the status and the answer, not the path")
    void non2xx() throws Exception {
      URI url = start();
      status = 503;
      assertThatThrownBy(
              () -> new WebhookChannel("chat", url, null, Duration.ofSeconds(5)).send(ALERT))
          .isInstanceOf(AlertException.class)
          .hasMessageContaining("channel chat")
          .hasMessageContaining("answered HTTP 503: quota exceeded")
          .hasMessageNotContaining("T0KEN");
    }
  }

  @Nested
  @DisplayName("command")
  class Command {
    @TempDir Path dir;

    Path script(String body) throws Exception {
      Path script = dir.resolve("alert.sh");
      Files.writeString(script, "#!/bin/sh\n" + body);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
      return script;
    }

    @Test
    @DisplayName("runs the argv with the alert in CONTINUO_ALERT_* and as JSON on stdin")
    void runs() throws Exception {
      Path out = dir.resolve("seen");
      Path script =
          script(
              "env | grep '^CONTINUO_ALERT_' | sort > \"$1\"\n"
                  + "echo STDIN >> \"$1\"\n"
                  + "cat >> \"$1\"\n");
      new CommandChannel(
              "pager", List.of(script.toString(), out.toString()), Duration.ofSeconds(10))
          .send(ALERT);

      List<String> lines = Files.readAllLines(out);
      assertThat(lines)
          .contains(
              "CONTINUO_ALERT_AGENT=srv-primario",
              "CONTINUO_ALERT_INCIDENT=raid:md0",
              "CONTINUO_ALERT_SEVERITY=CRITICAL",
              "CONTINUO_ALERT_STATE=escalated",
              "CONTINUO_ALERT_MESSAGE=md0 is running on one disk",
              "CONTINUO_ALERT_FIRST_SEEN=2026-11-26T02:00:00Z",
              "STDIN");
      JsonNode json = new ObjectMapper().readTree(lines.get(lines.indexOf("STDIN") + 1));
      assertThat(json.get("incident").asText()).isEqualTo("raid:md0");
      assertThat(json.get("state").asText()).isEqualTo("escalated");
    }

    @Test
    @DisplayName("fails on a non-zero exit, quoting its output")
    void nonZero() throws Exception {
      Path script = script("echo 'gateway unreachable' >&2\nexit 4\n");
      assertThatThrownBy(
              () ->
                  new CommandChannel("pager", List.of(script.toString()), Duration.ofSeconds(10))
                      .send(ALERT))
          .isInstanceOf(AlertException.class)
          .hasMessageContaining("channel pager")
          .hasMessageContaining("exited with 4: gateway unreachable");
    }

    @Test
    @DisplayName("is killed past its timeout")
    void timeout() throws Exception {
      Path script = script("exec sleep 30\n");
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  new CommandChannel("pager", List.of(script.toString()), Duration.ofMillis(500))
                      .send(ALERT))
          .isInstanceOf(AlertException.class)
          .hasMessageContaining("was killed");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("that does not exist says so")
    void missing() {
      assertThatThrownBy(
              () ->
                  new CommandChannel(
                          "pager", List.of(dir.resolve("nope").toString()), Duration.ofSeconds(5))
                      .send(ALERT))
          .isInstanceOf(AlertException.class)
          .hasMessageContaining("cannot run " + dir.resolve("nope"));
    }
  }

  @Test
  @DisplayName("an email channel with no SMTP server at all is a configuration error")
  void emailWithoutServer() {
    AlertsConfig alerts =
        new AlertsConfig(
            Map.of("sysadmin", new AlertsConfig.Email(List.of("s@studio.example"))),
            null,
            List.of(),
            Severity.WARN);
    assertThatThrownBy(() -> Channels.create(alerts, null))
        .hasMessageContaining("alerts.channels.sysadmin")
        .hasMessageContaining("reports.email");
  }

  static int closedPort() throws Exception {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

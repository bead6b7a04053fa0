package it.continuo.report.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.ServerSetup;
import it.continuo.config.Config;
import it.continuo.config.HttpConfig;
import it.continuo.http.StatusServer;
import it.continuo.storage.wrap.Backoff.Sleeper;
import it.continuo.testing.SampleReports;
import it.continuo.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("The report delivery")
class ReportDeliveryTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  static final String WRONG = "not-the-Password-0000";

  final TestClock clock = new TestClock(Instant.parse("2026-11-26T05:00:00Z"));
  final List<Duration> waits = new ArrayList<>();
  final Sleeper sleeper =
      d -> {
        waits.add(d);
        clock.advance(d);
      };
  final AtomicInteger attempts = new AtomicInteger();

  /** A sender that fails the first {@code failures} times, then sends. */
  ReportSender failing(int failures) {
    return report -> {
      if (attempts.incrementAndGet() <= failures) {
        throw new ReportMailException("cannot connect to the SMTP server mx:587: timed out", null);
      }
    };
  }

  @Nested
  @DisplayName("with a sender that works")
  class Working {
    @Test
    @DisplayName("mails on the first attempt, waits for nothing and is not degraded")
    void first() throws Exception {
      ReportDelivery delivery = new ReportDelivery(failing(0), clock, sleeper);
      assertThat(delivery.deliver(SampleReports.of(DAY))).isTrue();
      assertThat(attempts).hasValue(1);
      assertThat(waits).isEmpty();
      assertThat(delivery.lastSuccess()).contains(clock.instant());
      assertThat(delivery.lastFailure()).isEmpty();
      assertThat(delivery.degradedReasons()).isEmpty();
    }

    @Test
    @DisplayName("tries again after 1 and then 5 minutes, and is not degraded when one works")
    void third() throws Exception {
      ReportDelivery delivery = new ReportDelivery(failing(2), clock, sleeper);
      assertThat(delivery.deliver(SampleReports.of(DAY))).isTrue();
      assertThat(attempts).hasValue(3);
      assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
      assertThat(delivery.lastSuccess()).contains(Instant.parse("2026-11-26T05:06:00Z"));
      assertThat(delivery.degradedReasons()).isEmpty();
    }
  }

  @Nested
  @DisplayName("with a sender that keeps failing")
  class Failing {
    @Test
    @DisplayName("gives up after three attempts, with one reason per report not mailed")
    void reasons() throws Exception {
      ReportDelivery delivery = new ReportDelivery(failing(6), clock, sleeper);
      assertThat(delivery.deliver(SampleReports.of(DAY.minusDays(1)))).isFalse();
      assertThat(delivery.deliver(SampleReports.of(DAY))).isFalse();

      assertThat(attempts).hasValue(6);
      assertThat(delivery.lastFailure()).contains(clock.instant());
      assertThat(delivery.degradedReasons())
          .containsExactly(
              "the report of 2026-11-24 could not be mailed: cannot connect to the SMTP server"
                  + " mx:587: timed out",
              "the report of 2026-11-25 could not be mailed: cannot connect to the SMTP server"
                  + " mx:587: timed out");
    }
  }

  /** A real SMTP server refusing the agent's password, a real endpoint, the log captured. */
  @Nested
  @DisplayName("when the SMTP server refuses the password")
  class WrongPassword {
    @TempDir Path dir;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger("it.continuo");
    final HttpClient client = HttpClient.newHttpClient();
    final AtomicReference<ReportMailer> mailer = new AtomicReference<>();
    Level level;
    Smtp smtp;
    Config config;
    StatusServer server;
    ReportDelivery delivery;

    @BeforeEach
    void start() throws Exception {
      level = logger.getLevel();
      logger.setLevel(Level.TRACE);
      log.start();
      logger.addAppender(log);
      smtp = new Smtp(ServerSetup.SMTP);
      config = smtp.config(dir, "none", WRONG);
      mailer.set(ReportMailerTest.mailer(config.reports().email()));
      delivery =
          new ReportDelivery(
              report -> {
                attempts.incrementAndGet();
                mailer.get().send(report);
              },
              clock,
              sleeper);
      HttpConfig http = config.http();
      server =
          StatusServer.start(
              new HttpConfig(http.host(), 0, http.token()),
              () -> {
                throw new IllegalStateException("the status is not asked for by /health");
              },
              () -> true,
              delivery::degradedReasons,
              null);
    }

    @AfterEach
    void stop() {
      server.close();
      smtp.close();
      logger.detachAppender(log);
      logger.setLevel(level);
    }

    HttpResponse<String> health() throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
              .timeout(Duration.ofSeconds(10))
              .build();
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String refused() {
      return "the SMTP server 127.0.0.1:"
          + smtp.port()
          + " refused the login of user rco@studio.example: 535";
    }

    @Test
    @DisplayName("tries three times, waiting 1 and then 5 minutes, logging each failure clearly")
    void retried() throws Exception {
      assertThat(delivery.deliver(SampleReports.of(DAY))).isFalse();

      assertThat(attempts).hasValue(3);
      assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
      assertThat(smtp.mail.getReceivedMessages()).isEmpty();
      List<ILoggingEvent> failures =
          log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
      assertThat(failures)
          .extracting(ILoggingEvent::getLevel)
          .containsExactly(Level.WARN, Level.WARN, Level.ERROR);
      assertThat(failures)
          .extracting(ILoggingEvent::getFormattedMessage)
          .allSatisfy(line -> assertThat(line).contains("2026-11-25", refused()))
          .satisfies(lines -> assertThat(lines.get(0)).contains("attempt 1 of 3", "in 1 min"))
          .satisfies(lines -> assertThat(lines.get(1)).contains("attempt 2 of 3", "in 5 min"))
          .satisfies(lines -> assertThat(lines.get(2)).contains("after 3 attempts"));
    }

    @Test
    @DisplayName("is degraded on /health with the reason, until a later report is mailed")
    void degraded() throws Exception {
      HttpResponse<String> before = health();
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(json(before).get("status").asText()).isEqualTo("ok");

      delivery.deliver(SampleReports.of(DAY));
      HttpResponse<String> after = health();
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(json(after).get("status").asText()).isEqualTo("degraded");
      assertThat(json(after).get("reasons")).hasSize(1);
      assertThat(json(after).get("reasons").get(0).asText())
          .startsWith("the report of 2026-11-25 could not be mailed: " + refused());

      // the operator puts the right password in the file the configuration points to
      mailer.set(
          ReportMailerTest.mailer(smtp.config(dir, "none", Smtp.PASSWORD).reports().email()));
      assertThat(delivery.deliver(SampleReports.of(DAY.plusDays(1)))).isTrue();
      assertThat(smtp.mail.waitForIncomingEmail(5_000, 2)).isTrue();
      assertThat(delivery.degradedReasons()).isEmpty();
      assertThat(json(health()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    @DisplayName("never writes the password, wrong or right, in its log or on /health")
    void noPassword() throws Exception {
      delivery.deliver(SampleReports.of(DAY));
      String body = health().body();
      mailer.set(
          ReportMailerTest.mailer(smtp.config(dir, "none", Smtp.PASSWORD).reports().email()));
      delivery.deliver(SampleReports.of(DAY));

      assertThat(body).doesNotContain(WRONG);
      assertThat(log.list).as("something was logged at all").hasSizeGreaterThan(3);
      assertThat(log.list)
          .extracting(ReportDeliveryTest::logged)
          .allSatisfy(line -> assertThat(line).doesNotContain(WRONG, Smtp.PASSWORD));
    }
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }

  static String logged(ILoggingEvent event) {
    String line = event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
    return line;
  }
}

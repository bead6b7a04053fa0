package it.continuo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import it.continuo.config.ConfigLoader;
import it.continuo.config.HttpConfig;
import it.continuo.http.PrometheusParser.Family;
import it.continuo.status.AgentStatus;
import it.continuo.status.StatusSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("The status server")
class StatusServerTest {
  static final String TOKEN = "s3cret-Token-0123456789";
  static final String WRONG = "not-the-Token-9876543210";

  @TempDir Path dir;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final AtomicBoolean alive = new AtomicBoolean(true);
  StatusSource source = SampleStatus::status;
  volatile List<String> degraded = List.of();
  StatusServer server;

  /** The http section as the daemon gets it, through the config loader, on port 0. */
  HttpConfig config() throws Exception {
    return config(dir);
  }

  /** The same, its file written in {@code dir}. */
  static HttpConfig config(Path dir) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: srv-primario, dataDir: data }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs:
          uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" }
        http: { listen: "127.0.0.1:8420", token: "${env:CONTINUO_HTTP_TOKEN}" }
        """);
    HttpConfig http = new ConfigLoader(Map.of("CONTINUO_HTTP_TOKEN", TOKEN)).load(file).http();
    return new HttpConfig(http.host(), 0, http.token());
  }

  @BeforeEach
  void start() throws Exception {
    server = StatusServer.start(config(), () -> source.status(), alive::get, () -> degraded, null);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    return send("GET", path, authorization);
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return Reply.MAPPER.readTree(response.body());
  }

  @Nested
  @DisplayName("without a token")
  class WithoutToken {
    @Test
    @DisplayName("answers /health with 200 ok")
    void health() throws Exception {
      HttpResponse<String> r = get("/health", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
      assertThat(json(r).get("status").asText()).isEqualTo("ok");
    }

    @Test
    @DisplayName("answers /health with 503 stopping once the daemon is no longer alive")
    void stopping() throws Exception {
      alive.set(false);
      HttpResponse<String> r = get("/health", null);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r).get("status").asText()).isEqualTo("stopping");
    }

    @Test
    @DisplayName("answers /health with 200 degraded and the reasons while something is wrong")
    void degraded() throws Exception {
      degraded =
          List.of(
              "the report of 2026-11-24 could not be mailed: cannot connect to the SMTP server"
                  + " mx:587: Connection refused",
              "the report of 2026-11-25 could not be mailed: timed out");
      HttpResponse<String> r = get("/health", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
      assertThat(json(r).get("status").asText()).isEqualTo("degraded");
      assertThat(json(r).get("reasons"))
          .extracting(JsonNode::asText)
          .containsExactlyElementsOf(degraded);

      degraded = List.of();
      assertThat(json(get("/health", null)).get("status").asText()).isEqualTo("ok");
      assertThat(json(get("/health", null)).has("reasons")).isFalse();
    }

    @Test
    @DisplayName("answers /health with 503 stopping when stopping, degraded or not")
    void stoppingWhileDegraded() throws Exception {
      degraded = List.of("the report of 2026-11-25 could not be mailed: timed out");
      alive.set(false);
      HttpResponse<String> r = get("/health", null);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("{\"status\":\"stopping\"}");
    }

    @Test
    @DisplayName("refuses /api/status and /metrics with 401 and a Bearer challenge")
    void refused() throws Exception {
      for (String path : List.of("/api/status", "/metrics")) {
        HttpResponse<String> r = get(path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
            .hasValue("Bearer realm=\"continuo\"");
        assertThat(json(r).get("error").asText()).contains("Authorization: Bearer");
        assertThat(r.body()).doesNotContain("gestionale");
      }
    }
  }

  @Nested
  @DisplayName("with a wrong token")
  class WrongToken {
    @Test
    @DisplayName("refuses /api/status and /metrics with 401")
    void refused() throws Exception {
      for (String auth :
          List.of("Bearer " + WRONG, "Bearer " + TOKEN + "x", "Bearer ", "Basic " + TOKEN, TOKEN)) {
        for (String path : List.of("/api/status", "/metrics")) {
          HttpResponse<String> r = get(path, auth);
          assertThat(r.statusCode()).as(auth + " " + path).isEqualTo(401);
          assertThat(r.headers().firstValue("WWW-Authenticate"))
              .hasValue("Bearer realm=\"continuo\"");
          assertThat(r.body()).doesNotContain("gestionale");
        }
      }
    }
  }

  @Nested
  @DisplayName("with the token")
  class WithToken {
    @Test
    @DisplayName("serves /api/status as JSON that reads back as the same status")
    void status() throws Exception {
      HttpResponse<String> r = get("/api/status", "Bearer " + TOKEN);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
      assertThat(Reply.MAPPER.readValue(r.body(), AgentStatus.class))
          .isEqualTo(SampleStatus.status());
      JsonNode job = json(r).get("jobs").get(0);
      assertThat(job.get("job").asText()).isEqualTo("gestionale");
      assertThat(job.get("lastSuccess").get("end").asText()).isEqualTo("2026-11-25T21:12:03.500Z");
      assertThat(job.get("lastSuccess").get("duration").asText()).isEqualTo("PT12M3.5S");
      assertThat(job.has("running")).as("null fields are left out").isFalse();
    }

    @Test
    @DisplayName("accepts the scheme in any case, as RFC 7235 says")
    void schemeCase() throws Exception {
      assertThat(get("/api/status", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("serves /metrics in the Prometheus text format")
    void metrics() throws Exception {
      HttpResponse<String> r = get("/metrics", "Bearer " + TOKEN);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      List<Family> families = PrometheusParser.parse(r.body());
      assertThat(PrometheusParser.value(families, PrometheusText.STATUS_UP, Map.of()))
          .contains(1.0);
      assertThat(
              PrometheusParser.value(
                  families, PrometheusText.LAST_SUCCESS, Map.of("backup_job", "gestionale")))
          .contains(PrometheusTextTest.seconds(SampleStatus.LAST_END));
    }

    @Test
    @DisplayName("answers HEAD with the headers of GET and no body")
    void head() throws Exception {
      HttpResponse<String> r = send("HEAD", "/metrics", "Bearer " + TOKEN);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(r.body()).isEmpty();
    }
  }

  @Nested
  @DisplayName("refuses")
  class Refuses {
    @Test
    @DisplayName("other methods than GET and HEAD with 405 and Allow")
    void methods() throws Exception {
      for (String method : List.of("POST", "PUT", "DELETE")) {
        for (String path : List.of("/health", "/api/status")) {
          HttpResponse<String> r = send(method, path, "Bearer " + TOKEN);
          assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
          assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
      }
    }

    @Test
    @DisplayName("unknown paths with 404, prefixes of known ones included")
    void unknown() throws Exception {
      for (String path : List.of("/", "/nope", "/healthz", "/health/", "/api", "/metrics/x")) {
        assertThat(get(path, "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(404);
      }
    }
  }

  @Nested
  @DisplayName("when the status cannot be read")
  class BrokenSource {
    @BeforeEach
    void breakIt() {
      source =
          () -> {
            throw new IOException("history database unreachable");
          };
    }

    @Test
    @DisplayName("answers /api/status with 500 and the reason")
    void status() throws Exception {
      HttpResponse<String> r = get("/api/status", "Bearer " + TOKEN);
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(json(r).get("error").asText()).contains("history database unreachable");
    }

    @Test
    @DisplayName("answers /metrics with a valid exposition saying continuo_status_up 0")
    void metrics() throws Exception {
      HttpResponse<String> r = get("/metrics", "Bearer " + TOKEN);
      assertThat(r.statusCode()).isEqualTo(200);
      List<Family> families = PrometheusParser.parse(r.body());
      assertThat(families).extracting(Family::name).containsExactly(PrometheusText.STATUS_UP);
      assertThat(PrometheusParser.value(families, PrometheusText.STATUS_UP, Map.of()))
          .contains(0.0);
    }

    @Test
    @DisplayName("still answers /health with 200: the process is alive")
    void health() throws Exception {
      assertThat(get("/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Nested
  @DisplayName("on the network")
  class Network {
    @Test
    @DisplayName("listens on 127.0.0.1 only, not on the other loopback addresses")
    void loopbackOnly() throws Exception {
      assertThat(server.address().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      HttpRequest elsewhere =
          HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + server.port() + "/health"))
              .timeout(Duration.ofSeconds(5))
              .build();
      assertThatThrownBy(() -> client.send(elsewhere, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
    }

    @Test
    @DisplayName("stops within a second and then refuses connections")
    void close() throws Exception {
      assertThat(get("/health", null).statusCode()).isEqualTo(200);
      long start = System.nanoTime();
      server.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThatThrownBy(() -> get("/health", null)).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("says which address is in use when the port is taken")
    void portTaken() throws Exception {
      HttpConfig taken = new HttpConfig("127.0.0.1", server.port(), config().token());
      assertThatThrownBy(
              () -> StatusServer.start(taken, SampleStatus::status, () -> true, List::of, null))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1:" + server.port());
    }
  }

  @Nested
  @DisplayName("in its log")
  class Log {
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger("it.continuo.http");
    Level level;

    @BeforeEach
    void capture() {
      level = logger.getLevel();
      logger.setLevel(Level.TRACE);
      appender.start();
      logger.addAppender(appender);
    }

    @AfterEach
    void release() {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }

    @Test
    @DisplayName("never writes the token nor a wrong one, whatever the requests")
    void noToken() throws Exception {
      server.close();
      source =
          () -> {
            throw new IOException("history database unreachable");
          };
      server =
          StatusServer.start(config(), () -> source.status(), alive::get, () -> degraded, null);
      get("/api/status", "Bearer " + TOKEN);
      get("/metrics", "Bearer " + TOKEN);
      get("/metrics", "Bearer " + WRONG);
      get("/metrics", null);
      send("POST", "/metrics", "Bearer " + TOKEN);
      get("/nope", "Bearer " + TOKEN);
      source = SampleStatus::status;
      get("/api/status", "Bearer " + TOKEN);
      server.close();

      assertThat(appender.list).as("something was logged at all").hasSizeGreaterThan(5);
      assertThat(appender.list)
          .extracting(StatusServerTest::logged)
          .anySatisfy(line -> assertThat(line).contains("history database unreachable"))
          .allSatisfy(line -> assertThat(line).doesNotContain(TOKEN).doesNotContain(WRONG));
      assertThat(appender.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(line -> assertThat(line).contains("/metrics"))
          .anySatisfy(line -> assertThat(line).contains("/api/status"));
    }
  }

  static String logged(ILoggingEvent event) {
    String line = event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
    return line;
  }
}

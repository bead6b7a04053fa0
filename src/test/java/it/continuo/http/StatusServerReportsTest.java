package it.continuo.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.continuo.config.HttpConfig;
import it.continuo.report.RenderedReport;
import it.continuo.report.deliver.ReportArchive;
import it.continuo.testing.SampleReports;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The status server's reports")
class StatusServerReportsTest {
  static final String TOKEN = StatusServerTest.TOKEN;
  static final LocalDate NEWEST = LocalDate.of(2026, 11, 25);
  static final LocalDate OLDER = LocalDate.of(2026, 11, 23);

  @TempDir Path dir;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final RenderedReport newest = SampleReports.of(NEWEST);
  final RenderedReport older = SampleReports.of(OLDER);
  ReportArchive archive;
  StatusServer server;

  @BeforeEach
  void start() throws Exception {
    archive =
        new ReportArchive(
            dir.resolve("data/reports"),
            400,
            Clock.fixed(Instant.parse("2026-11-26T05:00:00Z"), ZoneOffset.UTC));
    archive.save(older);
    archive.save(newest);
    // a secret next to the archive, which no path under /reports/ may reach
    Files.writeString(dir.resolve("data/secret.txt"), "not for the web");
    HttpConfig http = StatusServerTest.config(dir);
    server = StatusServer.start(http, SampleStatus::status, () -> true, List::of, archive);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<byte[]> get(String path, String authorization, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return get(path, "Bearer " + TOKEN, null);
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static String type(HttpResponse<byte[]> r) {
    return r.headers().firstValue("Content-Type").orElseThrow();
  }

  @Test
  @DisplayName("refuses every path under /reports/ without the token, even those that exist not")
  void token() throws Exception {
    for (String path :
        List.of("/reports/", "/reports/latest", "/reports/2026-11-25.pdf", "/reports/nope")) {
      HttpResponse<byte[]> r = get(path, null, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"continuo\"");
      assertThat(get(path, "Bearer " + StatusServerTest.WRONG, null).statusCode())
          .as(path)
          .isEqualTo(401);
    }
  }

  @Nested
  @DisplayName("index")
  class Index {
    @Test
    @DisplayName("is an HTML list of the days, newest first, linking each form")
    void html() throws Exception {
      HttpResponse<byte[]> r = get("/reports/");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(type(r)).isEqualTo("text/html; charset=utf-8");
      String page = text(r);
      assertThat(page)
          .contains(
              "<a href=\"/reports/2026-11-25\">2026-11-25</a>",
              "<a href=\"/reports/2026-11-25.pdf\">",
              "<a href=\"/reports/2026-11-25.json\">",
              "<a href=\"/reports/2026-11-23\">2026-11-23</a>");
      assertThat(page.indexOf("2026-11-25")).isLessThan(page.indexOf("2026-11-23"));
    }

    @Test
    @DisplayName("is a JSON array of the days, newest first, for Accept: application/json")
    void json() throws Exception {
      for (HttpResponse<byte[]> r :
          List.of(
              get("/reports/", "Bearer " + TOKEN, "application/json"),
              get("/reports/index.json"))) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(type(r)).isEqualTo(Reply.JSON);
        JsonNode days = Reply.MAPPER.readTree(r.body());
        assertThat(days.isArray()).isTrue();
        assertThat(days).extracting(JsonNode::asText).containsExactly("2026-11-25", "2026-11-23");
      }
    }

    @Test
    @DisplayName("is an empty list when no report has been made yet")
    void empty() throws Exception {
      archive = new ReportArchive(dir.resolve("none"), 400, Clock.systemUTC());
      server.close();
      server =
          StatusServer.start(
              StatusServerTest.config(dir), SampleStatus::status, () -> true, List::of, archive);
      assertThat(text(get("/reports/"))).contains("No report has been made yet");
      assertThat(text(get("/reports/index.json"))).isEqualTo("[]");
      HttpResponse<byte[]> latest = get("/reports/latest");
      assertThat(latest.statusCode()).isEqualTo(404);
      assertThat(text(latest)).contains("no report has been made yet");
    }
  }

  @Nested
  @DisplayName("a report")
  class Report {
    @Test
    @DisplayName("is served as the latest in each form, byte for byte, with its content type")
    void latest() throws Exception {
      assertServed(
          "/reports/latest",
          "text/html; charset=utf-8",
          newest.html().getBytes(StandardCharsets.UTF_8));
      assertServed("/reports/latest.pdf", "application/pdf", newest.pdf());
      assertServed("/reports/latest.json", "application/json; charset=utf-8", newest.json());
    }

    @Test
    @DisplayName("is served by its day in each form, byte for byte, with its content type")
    void byDay() throws Exception {
      assertServed(
          "/reports/2026-11-23",
          "text/html; charset=utf-8",
          older.html().getBytes(StandardCharsets.UTF_8));
      assertServed("/reports/2026-11-23.pdf", "application/pdf", older.pdf());
      assertServed("/reports/2026-11-23.json", "application/json; charset=utf-8", older.json());
      assertThat(get("/reports/2026-11-23.pdf").headers().firstValue("Content-Disposition"))
          .hasValue("inline; filename=\"continuo-report-2026-11-23.pdf\"");
    }

    @Test
    @DisplayName("answers HEAD with the headers of GET and no body")
    void head() throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.port() + "/reports/latest.pdf"))
              .header("Authorization", "Bearer " + TOKEN)
              .method("HEAD", HttpRequest.BodyPublishers.noBody())
              .build();
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(type(r)).isEqualTo("application/pdf");
      assertThat(r.body()).isEmpty();
    }

    void assertServed(String path, String contentType, byte[] body) throws Exception {
      HttpResponse<byte[]> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(type(r)).as(path).isEqualTo(contentType);
      assertThat(r.body()).as(path).isEqualTo(body);
    }
  }

  @Nested
  @DisplayName("answers 404")
  class NotFound {
    @Test
    @DisplayName("with a clear text for a day that is not kept")
    void missingDay() throws Exception {
      for (String path : List.of("/reports/2026-11-24", "/reports/2026-11-24.pdf")) {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(Reply.MAPPER.readTree(r.body()).get("error").asText())
            .isEqualTo("there is no report of 2026-11-24; /reports/ lists those kept");
      }
    }

    @Test
    @DisplayName("for impossible dates and anything not of the forms served")
    void strangers() throws Exception {
      for (String path :
          List.of(
              "/reports/2026-13-45",
              "/reports/2026-02-30.pdf",
              "/reports/2026-11-25.html",
              "/reports/2026-11-25/report.html",
              "/reports/2026-11-25.PDF",
              "/reports/2026-11-25.pdf.json",
              "/reports/latest/",
              "/reports/index.html",
              "/reports/26-11-25",
              "/reports/+2026-11-25",
              "/reports//2026-11-25")) {
        assertThat(get(path).statusCode()).as(path).isEqualTo(404);
      }
    }

    @Test
    @DisplayName("for traversal attempts, whatever the client does to the path")
    void traversal() throws Exception {
      for (String path :
          List.of(
              "/reports/../../etc/passwd",
              "/reports/../secret.txt",
              "/reports/%2e%2e/secret.txt",
              "/reports/..%2fsecret.txt",
              "/reports/2026-11-25/../../secret.txt",
              "/reports/latest/../../secret.txt")) {
        String response = raw(path);
        assertThat(response).as(path).startsWith("HTTP/1.1 404");
        assertThat(response).as(path).doesNotContain("not for the web", "root:");
      }
    }
  }

  /**
   * Sends the request line as written, over a plain socket: an HTTP client would normalize the dots
   * away before sending.
   */
  String raw(String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package it.continuo.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.continuo.report.RenderedReport;
import it.continuo.report.SampleReports;
import it.continuo.testing.Chromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered report as its readers see it: the page in a real headless Chromium (no error, no
 * failed request, every chart shown; its first screen saved), and the PDF turned into page images
 * by poppler's {@code pdftoppm}. The pictures are kept in {@code target/report-screenshots} for a
 * human to look at.
 */
class ReportBrowserIT {
  static final Path SHOTS = Path.of("target", "report-screenshots");
  static final int WIDTH = 1280;
  static final int HEIGHT = 900;

  @TempDir Path dir;

  static RenderedReport office(String language) throws IOException {
    return new ReportRenderer().render(SampleReports.in(language, SampleReports.office()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"it", "en"})
  @DisplayName("the page renders in Chromium without errors, every chart shown")
  void page(String language) throws Exception {
    RenderedReport report = office(language);
    Path html = dir.resolve("report-" + language + ".html");
    Files.writeString(html, report.html(), StandardCharsets.UTF_8);
    try (Chromium chromium = Chromium.start(dir.resolve("profile-" + language), WIDTH, HEIGHT)) {
      chromium.send("Runtime.enable");
      chromium.send("Log.enable");
      chromium.send("Network.enable");
      chromium.send("Page.enable");
      chromium.send(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
      chromium.send("Page.navigate", Map.of("url", html.toUri().toString()));
      chromium.await("Page.loadEventFired", Duration.ofSeconds(30));

      JsonNode images =
          value(
              chromium,
              "JSON.stringify(Array.from(document.images).map(i =>"
                  + " ({complete: i.complete, width: i.naturalWidth})))");
      assertThat(images).hasSize(report.images().size());
      for (JsonNode image : images) {
        assertThat(image.get("complete").asBoolean()).isTrue();
        assertThat(image.get("width").asInt()).isGreaterThan(0);
      }
      assertThat(problems(chromium.events())).isEmpty();

      JsonNode shot = chromium.send("Page.captureScreenshot", Map.of("format", "png"));
      byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve("report-first-screen-" + language + ".png"), png);
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(WIDTH);
      assertThat(image.getHeight()).isEqualTo(HEIGHT);
      assertThat(colours(image)).as("colours of the first screen").isGreaterThan(20);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"it", "en"})
  @DisplayName("the PDF's pages turn into pictures with something on them")
  void pdf(String language) throws Exception {
    RenderedReport report = office(language);
    Files.createDirectories(SHOTS);
    Path pdf = SHOTS.resolve("report-" + language + ".pdf");
    Files.write(pdf, report.pdf());
    String prefix = "report-pdf-" + language;
    try (Stream<Path> old = Files.list(SHOTS)) {
      for (Path p : old.filter(p -> p.getFileName().toString().startsWith(prefix + "-")).toList()) {
        Files.delete(p);
      }
    }
    Process pdftoppm =
        new ProcessBuilder(
                "pdftoppm", "-r", "60", "-png", pdf.toString(), SHOTS.resolve(prefix).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(pdftoppm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(pdftoppm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(pdftoppm.exitValue()).as(out).isZero();
    List<Path> pages;
    try (Stream<Path> files = Files.list(SHOTS)) {
      pages =
          files
              .filter(p -> p.getFileName().toString().startsWith(prefix + "-"))
              .filter(p -> p.toString().endsWith(".png"))
              .sorted()
              .toList();
    }
    assertThat(pages).isNotEmpty();
    BufferedImage first = ImageIO.read(pages.get(0).toFile());
    assertThat(first.getHeight()).isGreaterThan(first.getWidth()); // A4, portrait
    assertThat(colours(first)).as("colours of the PDF's first page").isGreaterThan(20);
  }

  /** Console errors, uncaught exceptions, errors logged and requests that failed. */
  static List<String> problems(List<JsonNode> events) {
    List<String> problems = new ArrayList<>();
    for (JsonNode event : events) {
      String method = event.path("method").asText();
      JsonNode params = event.path("params");
      boolean problem =
          switch (method) {
            case "Runtime.exceptionThrown", "Network.loadingFailed" -> true;
            case "Runtime.consoleAPICalled" -> "error".equals(params.path("type").asText());
            case "Log.entryAdded" -> "error".equals(params.path("entry").path("level").asText());
            default -> false;
          };
      if (problem) {
        problems.add(method + " " + params);
      }
    }
    return problems;
  }

  static JsonNode value(Chromium chromium, String expression) throws IOException {
    JsonNode result =
        chromium.send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    assertThat(result.has("exceptionDetails")).as(result.toString()).isFalse();
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(result.path("result").path("value").asText());
  }

  /** Distinct colours on a grid of samples: a blank or single-colour picture has one. */
  static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}

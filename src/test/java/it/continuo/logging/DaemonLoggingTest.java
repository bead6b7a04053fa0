package it.continuo.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The daemon's logging")
class DaemonLoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final Logger log = context.getLogger("it.continuo.backup.BackupEngine");
  @TempDir Path dir;

  DaemonLoggingTest() {
    context.setMDCAdapter(new LogbackMDCAdapter()); // a context of its own, not the JVM's
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  private void configure(LoggingConfig logging, boolean verbose, boolean journal)
      throws IOException {
    DaemonLogging.configure(
        context, logging, verbose, journal, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private List<String> consoleLines() {
    return console.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Nested
  @DisplayName("on the console")
  class Console {
    @Test
    @DisplayName("prints INFO and above with a timestamp, and DEBUG only when verbose")
    void levels() throws IOException {
      configure(null, false, false);
      log.info("backup started");
      log.debug("not shown");
      context.getLogger("org.quartz.core.QuartzScheduler").info("scheduler noise");

      assertThat(consoleLines())
          .hasSize(1)
          .first()
          .asString()
          .matches(
              "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  BackupEngine: backup"
                  + " started");

      configure(null, true, false);
      log.debug("now shown");
      context.getLogger("software.amazon.awssdk.request").debug("wire log");
      assertThat(consoleLines())
          .hasSize(2)
          .last()
          .asString()
          .endsWith("DEBUG BackupEngine: now shown");
    }

    @Test
    @DisplayName(
        "keeps JSch's account of each SSH handshake for --verbose, and its warnings always")
    void jsch() throws IOException {
      Logger jsch = context.getLogger("com.jcraft.jsch.JSch");
      configure(null, false, false);
      jsch.info("Connecting to 127.0.0.3 port 2222");
      jsch.warn("Permanently added '127.0.0.3' to the list of known hosts.");

      assertThat(consoleLines()).hasSize(1).first().asString().contains("WARN  JSch: Permanently");

      configure(null, true, false);
      jsch.info("Authentication succeeded (publickey).");
      assertThat(consoleLines())
          .hasSize(2)
          .last()
          .asString()
          .contains("INFO  JSch: Authentication");
    }

    @Test
    @DisplayName("under journald prints the syslog priority instead of a timestamp, on every line")
    void journal() throws IOException {
      configure(null, true, true);
      log.info("backup started");
      log.warn("partial");
      log.debug("detail");
      log.error("failed", new IOException("disk full"));

      List<String> lines = consoleLines();
      assertThat(lines.subList(0, 4))
          .containsExactly(
              "<6>INFO  BackupEngine: backup started",
              "<4>WARN  BackupEngine: partial",
              "<7>DEBUG BackupEngine: detail",
              "<3>ERROR BackupEngine: failed");
      assertThat(lines.subList(4, lines.size()))
          .isNotEmpty()
          .allMatch(line -> line.startsWith("<3>"))
          .anyMatch(line -> line.contains("java.io.IOException: disk full"));
    }
  }

  @Nested
  @DisplayName("in the JSON file")
  class JsonFile {
    @Test
    @DisplayName("writes one JSON object per line: time, level, logger, thread, message, exception")
    void objects() throws IOException {
      Path file = dir.resolve("log/continuo.json");
      configure(new LoggingConfig(file, 10 << 20, 7), false, false);
      log.info("run {} stored on \"nas\"\nsecond line è", "20261123T220000Z-F");
      log.error("failed", new IOException("disk full"));

      List<JsonNode> lines = jsonLines(file);
      assertThat(lines).hasSize(2);
      JsonNode info = lines.get(0);
      assertThat(info.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
      assertThat(info.get("level").asText()).isEqualTo("INFO");
      assertThat(info.get("logger").asText()).isEqualTo("it.continuo.backup.BackupEngine");
      assertThat(info.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
      assertThat(info.get("message").asText())
          .isEqualTo("run 20261123T220000Z-F stored on \"nas\"\nsecond line è");
      assertThat(info.has("exception")).isFalse();
      assertThat(lines.get(1).get("exception").asText())
          .startsWith("java.io.IOException: disk full")
          .contains("\tat it.continuo.logging.DaemonLoggingTest");
    }

    @Test
    @DisplayName("rotates by size and keeps maxFiles rotated files besides the current one")
    void rotation() throws IOException {
      Path file = dir.resolve("continuo.json");
      configure(new LoggingConfig(file, 2_000, 3), false, false);
      for (int i = 0; i < 500; i++) {
        log.info("event {} {}", i, "x".repeat(60));
      }

      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(
                "continuo.json", "continuo.json.1", "continuo.json.2", "continuo.json.3");
      }
      for (String name : List.of("continuo.json.1", "continuo.json.2", "continuo.json.3")) {
        // the size is checked before each event: a file ends at most one line past the limit
        assertThat(Files.size(dir.resolve(name))).isBetween(2_000L, 2_200L);
        assertThat(jsonLines(dir.resolve(name))).isNotEmpty();
      }
      List<JsonNode> last = jsonLines(file);
      assertThat(last.get(last.size() - 1).get("message").asText()).startsWith("event 499 ");
    }
  }

  @Nested
  @DisplayName("configured again, as on a reload")
  class Reload {
    @Test
    @DisplayName("writes to the new file only and closes the old one")
    void newFile() throws IOException {
      Path a = dir.resolve("a.json");
      Path b = dir.resolve("b.json");
      configure(new LoggingConfig(a, 10 << 20, 7), false, false);
      log.info("one");
      configure(new LoggingConfig(b, 10 << 20, 7), false, false);
      log.info("two");

      assertThat(jsonLines(a)).extracting(n -> n.get("message").asText()).containsExactly("one");
      assertThat(jsonLines(b)).extracting(n -> n.get("message").asText()).containsExactly("two");
      assertThat(consoleLines()).hasSize(2);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
          .toIterable()
          .extracting(appender -> appender.getName())
          .containsExactlyInAnyOrder(DaemonLogging.CONSOLE, DaemonLogging.JSON);
    }

    @Test
    @DisplayName("keeps appending to the same file")
    void sameFile() throws IOException {
      Path a = dir.resolve("a.json");
      configure(new LoggingConfig(a, 10 << 20, 7), false, false);
      log.info("one");
      configure(new LoggingConfig(a, 10 << 20, 7), false, false);
      log.info("two");

      assertThat(jsonLines(a))
          .extracting(n -> n.get("message").asText())
          .containsExactly("one", "two");
    }

    @Test
    @DisplayName("stops the file when the logging section is gone")
    void noFile() throws IOException {
      Path a = dir.resolve("a.json");
      configure(new LoggingConfig(a, 10 << 20, 7), false, false);
      log.info("one");
      configure(null, false, false);
      log.info("two");

      assertThat(jsonLines(a)).hasSize(1);
      assertThat(consoleLines()).hasSize(2);
    }

    @Test
    @DisplayName("reports a file it cannot open and keeps the previous one")
    void unwritable() throws IOException {
      Path a = dir.resolve("a.json");
      Files.writeString(dir.resolve("not-a-directory"), "");
      Path bad = dir.resolve("not-a-directory/continuo.json");
      configure(new LoggingConfig(a, 10 << 20, 7), false, false);

      assertThatThrownBy(() -> configure(new LoggingConfig(bad, 10 << 20, 7), false, false))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot write the JSON log " + bad + ": ");
      log.info("still here");
      assertThat(jsonLines(a)).hasSize(1);
      assertThat(consoleLines()).containsExactly(consoleLines().get(0)).hasSize(1);
    }
  }
}

package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.http.PrometheusParser;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as the service it is in production, started through {@code scripts/continuo} (the
 * built jar, the JVM options of the installed command): its status endpoint, and what it costs
 * while it waits.
 */
class DaemonServiceIT {
  static final String TOKEN = "s3cr3t-token-for-the-test-0123456789";
  static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path dir;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Writes a configuration with {@code jobs} jobs of one source to one local target. */
  Path configure(int jobs, String incremental, int port) throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    Files.writeString(source.resolve("fattura.txt"), "fattura 1\n");
    Files.createDirectories(dir.resolve("nas"));
    Path token = dir.resolve("http.token");
    Files.writeString(token, TOKEN + "\n");
    StringBuilder yaml =
        new StringBuilder(
            """
            agent: { name: ufficio, dataDir: %s, timezone: Europe/Rome }
            http: { listen: "127.0.0.1:%d", token: "${file:%s}" }
            sources:
              docs: { paths: [%s] }
            targets:
              nas: { type: local, path: %s }
            jobs:
            """
                .formatted(dir.resolve("data"), port, token, source, dir.resolve("nas")));
    for (int i = 1; i <= jobs; i++) {
      yaml.append(
          """
            lavoro-%d:
              source: docs
              target: nas
              full: "%s"
              incremental: "%s"
          """
              .formatted(i, NEVER, incremental));
    }
    Path config = dir.resolve("continuo.yaml");
    Files.writeString(config, yaml.toString());
    return config;
  }

  /**
   * Starts the daemon; with {@code shortNights} fires are on time within a second (as in {@link
   * DaemonIT}), else within the production minute.
   */
  DaemonProcess start(Path config, boolean shortNights) throws Exception {
    Path script = Path.of("scripts/continuo").toAbsolutePath();
    Path log = dir.resolve("daemon.log");
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "-c", config.toString(), "run");
    if (shortNights) {
      pb.environment().put("CONTINUO_JAVA_OPTS", "-Dcontinuo.schedule.onTime=1000");
    }
    pb.environment().remove("JOURNAL_STREAM");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return DaemonProcess.of(pb.start(), log);
  }

  static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEndpointShowsTheRunsAndRefusesTheStatusWithoutTheToken() throws Exception {
    int port = freePort();
    Path config = configure(1, "0/2 * * * * ?", port);
    try (DaemonProcess d = start(config, true)) {
      d.await("lavoro-1 \\S+ \\w+: success", Duration.ofSeconds(60));

      assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/status", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/api/status", "wrong-token-wrong-token").statusCode()).isEqualTo(401);
      assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(401);

      HttpResponse<String> status = get(port, "/api/status", TOKEN);
      assertThat(status.statusCode()).isEqualTo(200);
      JsonNode job = new ObjectMapper().readTree(status.body()).get("jobs").get(0);
      assertThat(job.get("job").asText()).isEqualTo("lavoro-1");
      assertThat(job.get("lastSuccess").get("outcome").asText()).isEqualTo("success");
      assertThat(job.get("nextRun").asText()).isNotEmpty();
      assertThat(job.get("chains").get(0).get("points").asInt()).isGreaterThanOrEqualTo(1);

      HttpResponse<String> metrics = get(port, "/metrics", TOKEN);
      assertThat(metrics.statusCode()).isEqualTo(200);
      var families = PrometheusParser.parse(metrics.body());
      double lastSuccess =
          PrometheusParser.value(
                  families,
                  "continuo_job_last_success_timestamp_seconds",
                  Map.of("backup_job", "lavoro-1"))
              .orElseThrow();
      assertThat(Instant.ofEpochMilli((long) (lastSuccess * 1000)))
          .isBetween(Instant.now().minusSeconds(60), Instant.now());
      double next =
          PrometheusParser.value(
                  families,
                  "continuo_job_next_run_timestamp_seconds",
                  Map.of("backup_job", "lavoro-1"))
              .orElseThrow();
      assertThat(next).isGreaterThan(lastSuccess);

      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  @Test
  void theMorningReportIsMadeOnItsScheduleMailedAndServedBehindTheToken() throws Exception {
    int port = freePort();
    Path config = configure(1, "0/2 * * * * ?", port);
    com.icegreen.greenmail.util.GreenMail smtp =
        new com.icegreen.greenmail.util.GreenMail(
            com.icegreen.greenmail.util.ServerSetup.SMTP.createCopy("127.0.0.1").dynamicPort());
    smtp.start();
    try {
      Files.writeString(
          config,
          """
          verification: { schedule: "1/3 * * * * ?", sampleFiles: 1 }
          services:
            - { name: Fatturazione, tier: 2, rpo: 24h, rto: 4h, jobs: [lavoro-1] }
          reports:
            schedule: "0/5 * * * * ?"
            email:
              host: 127.0.0.1
              port: %d
              security: none
              from: continuo@ufficio.example
              to: [rco@ufficio.example]
          """
              .formatted(smtp.getSmtp().getPort()),
          java.nio.file.StandardOpenOption.APPEND);
      try (DaemonProcess d = start(config, true)) {
        d.await("lavoro-1: nightly check on nas", Duration.ofSeconds(60));
        d.await("report of \\S+ made", Duration.ofSeconds(60));
        assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();

        assertThat(get(port, "/reports/latest", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = get(port, "/reports/latest", TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Fatturazione");
        HttpResponse<String> pdf = get(port, "/reports/latest.pdf", TOKEN);
        assertThat(pdf.headers().firstValue("Content-Type").orElse(""))
            .isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
        assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("[Continuo] ");
        assertThat(get(port, "/health", null).body()).contains("\"ok\"");

        d.signal("TERM");
        assertThat(d.awaitExit(Duration.ofSeconds(30))).isZero();
      }
    } finally {
      smtp.stop();
    }
  }

  @Test
  void anIdleDaemonWithTenJobsUsesLittleMemoryAndNoCpu() throws Exception {
    Path config = configure(10, NEVER, freePort());
    try (DaemonProcess d = start(config, false)) {
      d.await("started: 10 jobs", Duration.ofSeconds(60));
      TimeUnit.SECONDS.sleep(10); // let start-up work (the JIT compilers) settle
      long java = javaPid(d.pid());
      double cpuBefore = cpuSeconds(java);
      TimeUnit.SECONDS.sleep(20);
      double cpu = cpuSeconds(java) - cpuBefore;
      long rss = rssKib(java);

      System.out.printf("idle daemon, 10 jobs: RSS %d MiB, CPU %.3f s in 20 s%n", rss / 1024, cpu);
      assertThat(rss).as("RSS in KiB").isLessThan(150 * 1024);
      // What remains is the databases' background writers and lock watchdog, waking every second.
      assertThat(cpu).as("CPU seconds over 20 idle seconds (1% of a core)").isLessThan(0.2);

      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  /** The java process: the script execs it, so it is the script's own pid. */
  static long javaPid(long pid) throws Exception {
    String cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    assertThat(cmd).contains("continuo.jar");
    return pid;
  }

  static double cpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    return ticks / 100.0;
  }

  static long rssKib(long pid) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/" + pid + "/status")));
    for (String l : lines) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("\\D", ""));
      }
    }
    throw new AssertionError("no VmRSS");
  }
}

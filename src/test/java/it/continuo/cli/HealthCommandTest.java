package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo health}: this machine's real readings, judged by the thresholds configured. */
@DisplayName("continuo health")
class HealthCommandTest {
  /** Thresholds no machine reaches, so that only what a test sets can be WARN or worse. */
  static final String LENIENT =
      """
      health:
        disk: { warn: 99.9%, critical: 100% }
        memory: { warn: 99.9%, critical: 100% }
        swap: { warn: 99.9%, critical: 100% }
        load: { warn: 999, critical: 1000 }
        temperature: { warn: 199, critical: 200 }
        smart: false
        filesystems: [/]
      """;

  @TempDir Path tmp;
  Workspace ws;

  @BeforeEach
  void workspace() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
  }

  static String mdstat(String name) throws Exception {
    return Path.of(
            HealthCommandTest.class
                .getResource("/it/continuo/health/server/mdstat/" + name)
                .toURI())
        .toString();
  }

  /** Appends the health section with {@code extra} lines under it. */
  void health(String section, String... extra) throws Exception {
    StringBuilder b = new StringBuilder(section);
    for (String line : extra) {
      b.append("  ").append(line).append('\n');
    }
    Files.writeString(ws.config, b.toString(), StandardOpenOption.APPEND);
  }

  @Nested
  @DisplayName("prints readings and findings")
  class Text {
    @Test
    @DisplayName("and exits 0 when nothing is WARN or worse")
    void healthy() throws Exception {
      health(LENIENT, "mdstat: " + mdstat("clean.txt"));

      CliResult r = ws.cli("health");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("health: ")
          .containsPattern("OK +disk:/ +/ is \\d+% full")
          .contains("md1 (raid1) is clean: two of two disks")
          .contains("readings:")
          .containsPattern("disk_used_ratio / +0\\.\\d+ ratio")
          .contains("memory_used_ratio");
    }

    @Test
    @DisplayName("and exits 1 when a disk is over a tiny threshold")
    void tinyThreshold() throws Exception {
      health(LENIENT.replace("disk: { warn: 99.9%, critical: 100% }", "disk: { warn: 1% }"));

      CliResult r = ws.cli("health");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.out())
          .startsWith("health: WARN")
          .containsPattern("WARN +disk:/ +/ is \\d+% full");
    }

    @Test
    @DisplayName("as JSON with the worst status")
    void json() throws Exception {
      health(LENIENT, "mdstat: " + mdstat("degraded-raid1.txt"));

      CliResult r = ws.cli("health", "--json");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      JsonNode root = new ObjectMapper().readTree(r.out());
      assertThat(root.get("status").asText()).isEqualTo("CRITICAL");
      JsonNode first = root.get("findings").get(0);
      assertThat(first.get("check").asText()).isEqualTo("raid");
      assertThat(first.get("subject").asText()).isEqualTo("md0");
      assertThat(first.get("message").asText())
          .isEqualTo("md0 (raid1) runs on one disk of two: sdb1 failed");
      assertThat(root.get("readings").findValuesAsText("name"))
          .contains("disk_used_ratio", "uptime_seconds");
    }

    @Test
    @DisplayName("a configuration error exits 2")
    void configError() throws Exception {
      health("health:\n  disk: { warn: lots }\n");

      CliResult r = ws.cli("health");

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("health.disk.warn: expected a percentage");
    }
  }

  @Nested
  @DisplayName("--format nagios")
  class Nagios {
    @Test
    @DisplayName("OK: exit 0, one status line with performance data")
    void ok() throws Exception {
      health(LENIENT, "mdstat: " + mdstat("clean.txt"));

      CliResult r = ws.cli("health", "--format", "nagios");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out().lines()).hasSize(1);
      assertThat(r.out())
          .startsWith("CONTINUO OK - ")
          .containsPattern("\\| .*'disk_used_ratio /'=\\d+(\\.\\d+)?%;99\\.9;100;0;100")
          .contains("'raid_disks_working md1'=2;;;;");
    }

    @Test
    @DisplayName(
        "WARNING: exit 1 when the disk is over a tiny threshold, thresholds in the perf data")
    void warning() throws Exception {
      health(LENIENT.replace("disk: { warn: 99.9%, critical: 100% }", "disk: { warn: 1% }"));

      CliResult r = ws.cli("health", "--format", "nagios");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.out())
          .startsWith("CONTINUO WARNING - / is ")
          .containsPattern("'disk_used_ratio /'=\\d+(\\.\\d+)?%;1;95;0;100")
          .containsPattern("'load_per_core'=\\d+(\\.\\d+)?;999;1000;;");
    }

    @Test
    @DisplayName("CRITICAL: exit 2 for a degraded mirror, named in the status line")
    void critical() throws Exception {
      health(LENIENT, "mdstat: " + mdstat("degraded-raid1.txt"));

      CliResult r = ws.cli("health", "--format", "nagios");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.out())
          .startsWith("CONTINUO CRITICAL - md0 (raid1) runs on one disk of two: sdb1 failed |")
          .contains("'raid_disks_working md0'=1;;;;");
    }

    @Test
    @DisplayName("UNKNOWN: exit 3 for a configuration error")
    void unknown() throws Exception {
      health("health:\n  disk: { warn: lots }\n");

      CliResult r = ws.cli("health", "--format", "nagios");

      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.out()).startsWith("CONTINUO UNKNOWN - ").contains("health.disk.warn");
    }
  }
}

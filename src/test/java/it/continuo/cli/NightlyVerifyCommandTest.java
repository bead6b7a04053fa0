package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.history.History;
import it.continuo.history.NightlyCheck;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("continuo verify JOB --nightly")
class NightlyVerifyCommandTest {
  static final String JOB = Workspace.JOB;

  @TempDir Path tmp;
  Workspace ws;

  @BeforeEach
  void twoRuns() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    for (int i = 0; i < 4; i++) {
      Files.writeString(ws.source.resolve("file-" + i + ".txt"), "content " + i + "\n".repeat(i));
    }
    assertThat(ws.cli("backup", JOB).exitCode()).isZero();
    Files.writeString(ws.source.resolve("file-9.txt"), "added\n");
    assertThat(ws.cli("backup", JOB).exitCode()).isZero();
  }

  @Test
  @DisplayName("prints a summary per target, records the check in the history and exits 0")
  void summary() throws Exception {
    CliResult r = ws.cli("verify", JOB, "--nightly");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String latest = ws.committedRuns().get(1);
    assertThat(r.out())
        .contains("nas ok:")
        .contains("read back: 2 runs")
        .contains("no damage")
        .contains("coverage: 100% of")
        .contains("verified point: " + latest)
        .contains("test restore: 5 files")
        .contains("all equal to the manifest");
    try (History history = History.open(ws.data)) {
      List<NightlyCheck> checks = history.lastNightlyChecks(JOB);
      assertThat(checks).hasSize(1);
      assertThat(checks.get(0).verifiedRun()).isEqualTo(latest);
      assertThat(checks.get(0).ok()).isTrue();
      assertThat(history.lastVerifications(JOB)).hasSize(1);
    }
    try (var left = Files.list(ws.data.resolve("scratch"))) {
      assertThat(left).as("the scratch directory, emptied").isEmpty();
    }
  }

  @Test
  @DisplayName("--json prints the checks as a JSON array")
  void json() throws Exception {
    CliResult r = ws.cli("verify", JOB, "--nightly", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode checks = new ObjectMapper().readTree(r.out());
    assertThat(checks.isArray()).isTrue();
    assertThat(checks.get(0).get("target").asText()).isEqualTo("nas");
    assertThat(checks.get(0).get("runsChecked").asInt()).isEqualTo(2);
    assertThat(checks.get(0).get("testRestore").get("files").asInt()).isEqualTo(5);
  }

  @Test
  @DisplayName("exits 1 and names the run when a stored archive is damaged")
  void damaged() throws Exception {
    String full = ws.committedRuns().get(0);
    Path archive = ws.jobDir().resolve(full + ".tar.zst");
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }

    CliResult r = ws.cli("verify", JOB, "--nightly");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("nas NOT OK:").contains("DAMAGED").contains(full + ": ");
  }
}

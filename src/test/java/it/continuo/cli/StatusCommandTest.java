package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo status}: what the history and the targets say of each job. */
class StatusCommandTest {
  @TempDir Path tmp;
  Workspace ws;

  @BeforeEach
  void twoRuns() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    Files.writeString(ws.source.resolve("fattura.txt"), "fattura 1\n");
    assertThat(ws.cli("backup", Workspace.JOB).exitCode()).isZero();
    Files.writeString(ws.source.resolve("fattura.txt"), "fattura 2\n");
    assertThat(ws.cli("backup", Workspace.JOB).exitCode()).isZero();
  }

  @Test
  void showsTheLastRunAndTheChainOnEachTarget() throws Exception {
    CliResult r = ws.cli("status", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode job = new ObjectMapper().readTree(r.out()).get("jobs").get(0);
    assertThat(job.get("job").asText()).isEqualTo(Workspace.JOB);
    assertThat(job.get("lastRun").get("outcome").asText()).isEqualTo("success");
    assertThat(job.get("lastRun").get("trigger").asText()).isEqualTo("cli");
    assertThat(job.get("lastRun").get("level").asText()).isEqualTo("incremental");
    assertThat(job.has("nextRun")).as("no daemon: nothing scheduled").isFalse();
    JsonNode chain = job.get("chains").get(0);
    assertThat(chain.get("target").asText()).isEqualTo("nas");
    assertThat(chain.get("points").asInt()).isEqualTo(2);
    assertThat(chain.get("chain")).hasSize(2);
  }

  @Test
  void saysPlainlyThatNoDaemonRuns() {
    CliResult r = ws.cli("status");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("NO DAEMON RUNNING")
        .contains("last run:")
        .contains("incremental SUCCESS (cli)")
        .contains("on nas: 2 restore points");
  }

  @Test
  void aTargetThatCannotBeListedIsNamedAndFailsTheCommand() throws Exception {
    Files.move(ws.nas, tmp.resolve("unmounted"));

    CliResult r = ws.cli("status");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("on nas: CANNOT BE LISTED");
  }
}

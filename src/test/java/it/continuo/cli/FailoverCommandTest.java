package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continuo failover}: a runbook of local steps only (a marker file written by a wait
 * command, a verify command, a notify with no channel), so that no server is needed.
 */
@DisplayName("continuo failover")
class FailoverCommandTest {
  @TempDir Path tmp;
  Workspace ws;
  Path marker;

  @BeforeEach
  void workspace() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    Files.writeString(tmp.resolve("id"), "key");
    Files.writeString(tmp.resolve("known_hosts"), "");
    marker = tmp.resolve("marker");
    String keys = "key: " + tmp.resolve("id") + ", knownHosts: " + tmp.resolve("known_hosts");
    Files.writeString(
        ws.config,
        """
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
        services:
          - { name: Uno, rpo: 1h, rto: 4h, jobs: [%2$s], runbook: uno }
        failover:
          runbooks:
            uno:
              service: Uno
              primary: primario
              secondary: secondario
              steps:
                - notify: "crisis declared"
                - { wait: { command: "touch %3$s" }, name: promote }
                - { verify: { command: "test -e %3$s" }, timeout: 5s }
        """
            .formatted(keys, Workspace.JOB, marker),
        StandardOpenOption.APPEND);
  }

  @Test
  @DisplayName("plan prints each step and what it would do, and changes nothing")
  void plan() {
    CliResult r = ws.cli("failover", "plan", "uno");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("runbook uno for Uno: primario (127.0.0.2) → secondario (127.0.0.3)")
        .contains("1 notify: notify every channel: crisis declared")
        .contains("2 promote: wait command here: touch " + marker)
        .contains("nothing was changed");
    // the plan's one try of a wait command does run it: commands are checks, not changes
  }

  @Test
  @DisplayName("drill prints the timeline and the RPO and RTO lines, and is listed afterwards")
  void drill() {
    CliResult r = ws.cli("failover", "drill", "uno", "--by", "rossi");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("  1 run  notify: notify every channel: crisis declared")
        .contains("ok in")
        .contains("drill of uno (Uno), declared")
        .contains("by rossi: succeeded")
        .contains("RPO not measured (no check-replica), target 1 h")
        .containsPattern("RTO [0-9.]+ s, target 4 h: met")
        .contains("recorded as failover run 1");
    CliResult list = ws.cli("failover", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains("uno: Uno, primario → secondario, 3 steps (notify, wait, verify); no fence step")
        .containsPattern(
            "drill uno by rossi: succeeded, failback succeeded, RTO [0-9.]+ s +\\(#1\\)");
  }

  @Test
  @DisplayName("execute without a terminal and without --yes refuses; with --yes it runs")
  void execute() {
    CliResult refused = ws.cli("failover", "execute", "uno");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("no terminal to confirm on: give --yes");
    assertThat(Files.exists(marker)).isFalse();
    CliResult r = ws.cli("failover", "execute", "uno", "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("execute of uno (Uno)");
  }

  @Test
  @DisplayName("a failed step exits 1; an unknown runbook exits 2")
  void failures() throws Exception {
    Files.writeString(ws.config, Files.readString(ws.config).replace("test -e " + marker, "false"));
    CliResult r = ws.cli("failover", "drill", "uno");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("failed").contains("RTO not reached");
    CliResult unknown = ws.cli("failover", "drill", "due");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown runbook \"due\"; runbooks: uno");
  }
}

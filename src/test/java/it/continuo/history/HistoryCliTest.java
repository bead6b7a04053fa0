package it.continuo.history;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.lock.JobLock;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetOutcome;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The CLI records into the history")
class HistoryCliTest {
  static final String JOB = Workspace.JOB;

  @TempDir Path tmp;
  Workspace ws;

  @BeforeEach
  void workspace() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    Files.writeString(ws.source.resolve("a.txt"), "alpha\n");
    Files.writeString(ws.source.resolve("b.txt"), "beta\n");
  }

  CliResult backup() {
    CliResult r = ws.cli("backup", JOB);
    assertThat(r.exitCode()).as("%s", r).isZero();
    return r;
  }

  @Test
  @DisplayName("`backup` records its run: trigger cli, the run id, level, outcome and targets")
  void backupRecordsItsRun() throws Exception {
    Instant before = Instant.now();
    backup();
    Files.writeString(ws.source.resolve("c.txt"), "gamma\n");
    backup();

    try (History history = History.open(ws.data)) {
      assertThat(history.running(JOB)).isEmpty();
      RunSummary last = history.lastRun(JOB).orElseThrow();
      assertThat(last.run()).isEqualTo(ws.committedRuns().get(1));
      assertThat(last.trigger()).isEqualTo("cli");
      assertThat(last.level()).isEqualTo("incremental");
      assertThat(last.outcome()).isEqualTo("success");
      assertThat(last.files()).isEqualTo(3);
      assertThat(last.start())
          .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      assertThat(last.end()).isAfterOrEqualTo(last.start());
      assertThat(last.targets())
          .extracting(TargetOutcome::target, TargetOutcome::stored)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("nas", true));
      assertThat(history.runsSince(JOB, Instant.EPOCH))
          .extracting(RunSummary::run)
          .containsExactly(ws.committedRuns().get(1), ws.committedRuns().get(0));
      assertThat(history.lastFullStart(JOB))
          .contains(history.runsSince(JOB, Instant.EPOCH).get(1).start());
    }
  }

  @Test
  @DisplayName("`verify` records its verifications")
  void verifyRecords() throws Exception {
    backup();
    CliResult v = ws.cli("verify", JOB);
    assertThat(v.exitCode()).as("%s", v).isZero();

    try (History history = History.open(ws.data)) {
      assertThat(history.lastVerifications(JOB))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.target()).isEqualTo("nas");
                assertThat(s.run()).isEqualTo(ws.committedRuns().get(0));
                assertThat(s.ok()).isTrue();
              });
    }
  }

  @Test
  @DisplayName("a history that cannot be opened does not stop a backup: it warns and goes on")
  void unavailableHistory() throws Exception {
    Files.createDirectories(ws.data.resolve("history.mv.db"));

    CliResult r = backup();

    assertThat(r.err()).contains("continuo: history not recorded: ");
    assertThat(ws.committedRuns()).hasSize(1);
  }

  @Test
  @DisplayName("a backup refused because the job is running leaves no run of its own")
  void lockedJob() throws Exception {
    Files.createDirectories(ws.data);
    try (JobLock held = JobLock.acquire(ws.data, JOB, "test");
        // another process's run, as the history would hold it
        History history = History.open(ws.data)) {
      history.runStarted(JOB, "schedule", "full", Instant.now(), null, null);

      CliResult r = ws.cli("backup", JOB);

      assertThat(r.exitCode()).as("%s", r).isEqualTo(11);
      assertThat(history.runsSince(JOB, Instant.EPOCH))
          .singleElement()
          .extracting(RunSummary::trigger)
          .isEqualTo("schedule");
    }
  }

  @Test
  @DisplayName("`catalog rebuild` refills a lost history and says what it added")
  void rebuild() throws Exception {
    backup();
    backup();
    Files.delete(ws.data.resolve("history.mv.db"));

    CliResult r = ws.cli("catalog", "rebuild");

    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out())
        .contains(JOB + " on nas: 2 runs, 2 added")
        .contains("history: 2 runs added");
    CliResult again = ws.cli("catalog", "rebuild");
    assertThat(again.out()).contains(JOB + " on nas: 2 runs, 0 added");
  }
}

package it.continuo.failover;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.config.StepConfig;
import it.continuo.history.FailoverRecord;
import it.continuo.history.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The failover runner, with fake steps")
class FailoverTest {
  @TempDir Path dir;
  final List<String> journal = FakeStep.journal();
  final Map<String, FakeStep> fakes = new HashMap<>();

  @BeforeEach
  void keys() throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
  }

  /** A runbook whose steps are "KIND NAME [timeout]" lines; each becomes a fake step. */
  Failover failover(String onFailure, String... steps) throws Exception {
    StringBuilder yaml = new StringBuilder();
    for (String s : steps) {
      String[] w = s.split(" ");
      String body =
          switch (w[0]) {
            case "fence" -> "{ unreachable: { host: primario, port: 3389 } }";
            case "check-replica" -> "uno";
            case "verify" -> "{ tcp: \"secondario:80\" }";
            case "notify" -> "hello";
            default -> "{ host: secondario, run: \"true\" }";
          };
      yaml.append("        - { ")
          .append(w[0])
          .append(": ")
          .append(body)
          .append(", name: ")
          .append(w[1])
          .append(w.length > 2 ? ", timeout: " + w[2] : "")
          .append(" }\n");
    }
    String keys = "key: " + dir.resolve("id") + ", knownHosts: " + dir.resolve("known_hosts");
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: data }
        hosts:
          primario: { address: 127.0.0.2, port: 2222, user: root, %1$s }
          secondario: { address: 127.0.0.3, port: 2222, user: root, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        replicas: { uno: { primary: { host: primario, path: /srv/uno }, secondary: { host: secondario, path: /srv/uno }, maxLag: 15m } }
        services:
          - { name: Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], replica: uno, runbook: uno }
        failover:
          runbooks:
            uno:
              service: Uno
              primary: primario
              secondary: secondario
              onFailure: %2$s
              steps:
        %3$s"""
            .formatted(keys, onFailure, yaml));
    Config config = new ConfigLoader(Map.of()).load(file);
    return builder(config).build();
  }

  Failover.Builder builder(Config config) {
    return Failover.builder(config)
        .steps((StepConfig c) -> fakes.computeIfAbsent(c.label(), l -> new FakeStep(c, journal)));
  }

  FakeStep fake(Failover f, String name) throws Exception {
    f.plan("uno"); // makes the fakes
    journal.clear();
    return fakes.get(name);
  }

  static final Failover.Options BY = Failover.Options.by("tester");

  @Test
  @DisplayName("a drill runs every step in order, then undoes them in reverse")
  void drill() throws Exception {
    Failover f = failover("undo", "check-replica c", "ssh a", "ssh b", "verify v");
    fake(f, "c").facts = Map.of(StepOutcome.RPO_SECONDS, "42");
    fakes.get("c").undoable = false;
    fakes.get("v").undoable = false;
    FailoverRun run = f.drill("uno", BY);
    assertThat(journal).containsExactly("run c", "run a", "run b", "run v", "undo b", "undo a");
    assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.SUCCEEDED);
    assertThat(run.failback()).isEqualTo(FailoverRun.Outcome.SUCCEEDED);
    assertThat(run.rpo()).isEqualTo(Duration.ofSeconds(42));
    assertThat(run.rpoMet()).isTrue();
    assertThat(run.rto()).isNotNull();
    assertThat(run.declared().plus(run.rto())).isEqualTo(run.steps().get(3).ended());
    assertThat(run.rtoMet()).isTrue();
    assertThat(run.by()).isEqualTo("tester");
    assertThat(run.steps())
        .extracting(r -> r.phase() + " " + r.label() + " " + r.outcome())
        .containsExactly("RUN c OK", "RUN a OK", "RUN b OK", "RUN v OK", "UNDO b OK", "UNDO a OK");
  }

  @Test
  @DisplayName("a drill with --no-failback stays on the secondary")
  void noFailback() throws Exception {
    Failover f = failover("undo", "ssh a", "ssh b");
    FailoverRun run = f.drill("uno", BY.failingBack(false));
    assertThat(journal).containsExactly("run a", "run b");
    assertThat(run.failback()).isNull();
    assertThat(run.succeeded()).isTrue();
  }

  @Test
  @DisplayName("plan asks every step what it would change and runs nothing")
  void plan() throws Exception {
    Failover f = failover("undo", "ssh a", "ssh b");
    RunbookPlan plan = f.plan("uno");
    assertThat(journal).containsExactly("plan a", "plan b");
    assertThat(plan.steps())
        .extracting(RunbookPlan.Planned::undo)
        .containsOnly("undo ssh a", "undo ssh b");
    assertThat(plan.steps().get(0).changes()).containsExactly(Change.change("a would change"));
    assertThat(plan.targets()).isEqualTo("primario (127.0.0.2) → secondario (127.0.0.3)");
  }

  @Nested
  @DisplayName("when a step fails")
  class Failures {
    @Test
    @DisplayName(
        "onFailure: undo undoes the steps done so far, the failed one included, in reverse")
    void undo() throws Exception {
      Failover f = failover("undo", "ssh a", "ssh b", "ssh c", "ssh d");
      fake(f, "c").failures = 1;
      fakes.get("c").retryable = false;
      FailoverRun run = f.execute("uno", BY);
      assertThat(journal).containsExactly("run a", "run b", "run c", "undo c", "undo b", "undo a");
      assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
      assertThat(run.message()).startsWith("c (step 3) failed: c broke");
      assertThat(run.rto()).isNull();
    }

    @Test
    @DisplayName("onFailure: stop leaves the steps done as they are")
    void stop() throws Exception {
      Failover f = failover("stop", "ssh a", "ssh b", "ssh c");
      fake(f, "b").failures = 1;
      fakes.get("b").retryable = false;
      FailoverRun run = f.execute("uno", BY);
      assertThat(journal).containsExactly("run a", "run b");
      assertThat(run.outcome()).isEqualTo(FailoverRun.Outcome.FAILED);
    }

    @Test
    @DisplayName("a failed fence stops the runbook before anything is promoted")
    void fence() throws Exception {
      Failover f = failover("undo", "notify n", "fence f", "ssh promote", "verify v");
      fake(f, "f").failures = 5;
      fakes.get("f").retryable = false;
      fakes.get("n").undoable = false;
      FailoverRun run = f.drill("uno", BY);
      assertThat(journal).containsExactly("run n", "run f", "undo f");
      assertThat(fakes.get("promote").runs).isZero();
      assertThat(run.message()).contains("nothing was promoted");
    }

    @Test
    @DisplayName("a step that overruns its timeout is interrupted, counts as failed, and undoes")
    void timeout() throws Exception {
      Failover f = failover("undo", "ssh a", "ssh slow 300ms", "ssh never");
      fake(f, "slow").runsFor = Duration.ofSeconds(30);
      long t0 = System.nanoTime();
      FailoverRun run = f.execute("uno", BY);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      assertThat(journal).containsExactly("run a", "run slow", "undo slow", "undo a");
      StepRecord slow = run.steps().get(1);
      assertThat(slow.outcome()).isEqualTo(StepRecord.Outcome.TIMED_OUT);
      assertThat(slow.error()).contains("no answer within the timeout of 300 ms");
    }

    @Test
    @DisplayName("retryable failures are tried again up to retries, permanent ones are not")
    void retries() throws Exception {
      Failover f = failover("stop", "ssh a");
      // retries are a step key: give the fake a config with two retries
      FakeStep a = fake(f, "a");
      StepConfig c = a.config;
      StepConfig withRetries =
          new StepConfig(
              c.path(),
              c.line(),
              c.name(),
              c.timeout(),
              2,
              Duration.ofMillis(10),
              c.action(),
              c.undo(),
              c.undoImplied());
      Config config = new ConfigLoader(Map.of()).load(dir.resolve("continuo.yaml"));
      var runbook = config.failover().runbook("uno");
      var changed =
          new it.continuo.config.RunbookConfig(
              runbook.name(),
              runbook.service(),
              runbook.primary(),
              runbook.secondary(),
              runbook.onFailure(),
              List.of(withRetries),
              runbook.detection());
      try (RunbookRunner runner =
              new RunbookRunner(changed, x -> a, Timeline.NONE, java.time.Clock.systemUTC());
          StepContext context = StepContext.builder(changed).build()) {
        a.failures = 2;
        StepRecord ok = runner.attempt(0, StepRecord.Phase.RUN, context);
        assertThat(ok.outcome()).isEqualTo(StepRecord.Outcome.OK);
        assertThat(ok.attempts()).isEqualTo(3);
        a.failures = 1;
        a.retryable = false;
        StepRecord failed = runner.attempt(0, StepRecord.Phase.RUN, context);
        assertThat(failed.outcome()).isEqualTo(StepRecord.Outcome.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("the failed step's own undo failing does not stop the undo of the steps done")
    void failedStepUndo() throws Exception {
      Failover f = failover("undo", "ssh a", "ssh b");
      fake(f, "b").failures = 1;
      fakes.get("b").retryable = false;
      fakes.get("b").undoFails = true;
      FailoverRun run = f.execute("uno", BY);
      assertThat(journal).containsExactly("run a", "run b", "undo b", "undo a");
      assertThat(run.message()).doesNotContain("not undone");
    }

    @Test
    @DisplayName("a failed undo stops the failback and says what is left")
    void failedUndo() throws Exception {
      Failover f = failover("undo", "ssh a", "ssh b", "ssh c");
      fake(f, "b").undoFails = true;
      FailoverRun run = f.drill("uno", BY);
      assertThat(journal).containsExactly("run a", "run b", "run c", "undo c", "undo b");
      assertThat(run.failback()).isEqualTo(FailoverRun.Outcome.FAILED);
      assertThat(run.message()).contains("undo of b failed").contains("not undone: b, a");
    }
  }

  @Test
  @DisplayName("a step passed by --force makes the run forced")
  void forced() throws Exception {
    Failover f = failover("undo", "check-replica c", "ssh a");
    fake(f, "c").facts = Map.of(StepOutcome.FORCED, "true", StepOutcome.RPO_SECONDS, "7200");
    FailoverRun run = f.execute("uno", BY.forced(true));
    assertThat(run.forced()).isTrue();
    assertThat(run.steps().get(0).outcome()).isEqualTo(StepRecord.Outcome.FORCED);
    assertThat(run.rpoMet()).as("2 h against an RPO of 1 h").isFalse();
  }

  @Test
  @DisplayName("two failovers at once: the second is refused")
  void lock() throws Exception {
    Failover f = failover("undo", "ssh slow", "ssh b");
    FakeStep slow = fake(f, "slow");
    slow.runsFor = Duration.ofSeconds(2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<FailoverRun> first = pool.submit(() -> f.execute("uno", BY));
      while (!journal.contains("run slow")) {
        Thread.sleep(10);
      }
      FailoverRun second = f.drill("uno", BY);
      assertThat(second.outcome()).isEqualTo(FailoverRun.Outcome.REFUSED);
      assertThat(second.message()).contains("another failover is running");
      assertThat(second.steps()).isEmpty();
      assertThat(first.get().outcome()).isEqualTo(FailoverRun.Outcome.SUCCEEDED);
      assertThat(f.execute("uno", BY).outcome())
          .as("free again afterwards")
          .isEqualTo(FailoverRun.Outcome.SUCCEEDED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("each run is recorded in the history with its timeline")
  void recorded() throws Exception {
    Failover plain = failover("undo", "ssh a", "verify v");
    fake(plain, "v").undoable = false;
    Config config = new ConfigLoader(Map.of()).load(dir.resolve("continuo.yaml"));
    try (History history = History.open(dir.resolve("history"))) {
      Failover f = builder(config).history(history).build();
      FailoverRun run = f.drill("uno", BY);
      assertThat(run.id()).isPositive();
      List<FailoverRecord> runs = history.failoverRuns(Instant.EPOCH);
      assertThat(runs).singleElement().satisfies(r -> assertThat(r.mode()).isEqualTo("drill"));
      FailoverRecord r = history.failoverRun(run.id()).orElseThrow();
      assertThat(r.steps())
          .extracting(s -> s.phase() + " " + s.label() + " " + s.outcome())
          .containsExactly("run a ok", "run v ok", "undo a ok");
      assertThat(r.failback()).isEqualTo("succeeded");
      assertThat(r.rtoTarget()).isEqualTo(Duration.ofHours(4));
    }
  }
}

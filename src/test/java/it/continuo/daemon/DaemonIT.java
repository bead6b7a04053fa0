package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.history.History;
import it.continuo.status.RunSummary;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a real process: catch-up after downtime with the real H2 job store, a crash during
 * a backup, SIGTERM with and without time to finish, SIGHUP with a broken configuration. Nights are
 * seconds here: fires are on time within {@link DaemonProcess#ON_TIME_MS}.
 */
class DaemonIT {
  static final String JOB = "docs-nas";
  static final String NEVER = "0 0 0 1 1 ? 2099";

  /**
   * The first run starting: on time, or (when the daemon's start took longer than {@link
   * DaemonProcess#ON_TIME_MS} on a loaded machine) as the catch-up of the first fire time.
   */
  static final String FIRST_RUN_STARTS = JOB + ": (catch-up of [^\\n]*: )?incremental scheduled at";

  @TempDir Path dir;
  Path source;
  Path nas;
  Path data;
  Path config;
  Path log;

  @BeforeEach
  void workspace() throws IOException {
    source = Files.createDirectories(dir.resolve("source"));
    nas = Files.createDirectories(dir.resolve("nas"));
    data = dir.resolve("data");
    config = dir.resolve("continuo.yaml");
    log = dir.resolve("daemon.log");
    Files.writeString(source.resolve("fattura.txt"), "fattura 1\n");
  }

  /** Writes the configuration: one job with these schedules; {@code nasExtra} e.g. bandwidth. */
  void configure(String full, String incremental, String agentExtra, String nasExtra, String more)
      throws IOException {
    Files.writeString(
        config,
        """
        agent: { name: ufficio, dataDir: %s, timezone: Europe/Rome%s }
        sources:
          docs: { paths: [%s] }
        targets:
          nas: { type: local, path: %s%s }
        jobs:
          %s:
            source: docs
            target: nas
            full: "%s"
            incremental: "%s"
        %s"""
            .formatted(data, agentExtra, source, nas, nasExtra, JOB, full, incremental, more));
  }

  List<RunSummary> runs() throws Exception {
    try (History history = History.open(data)) {
      List<RunSummary> runs = new java.util.ArrayList<>(history.runsSince(JOB, Instant.EPOCH));
      java.util.Collections.reverse(runs);
      return runs;
    }
  }

  List<String> listed() {
    CliResult r = Workspace.inProcess("-c", config.toString(), "list", JOB);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out().lines().filter(l -> l.matches("^\\d{8}T\\d{6}Z-[FI].*")).toList();
  }

  /** Everything on the NAS that is not an archive or manifest of a committed run. */
  List<String> leftovers() throws IOException {
    Path jobDir = nas.resolve("ufficio").resolve(JOB);
    if (!Files.isDirectory(jobDir)) {
      return List.of();
    }
    List<String> committed;
    try (Stream<Path> files = Files.list(jobDir)) {
      committed =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".manifest.jsonl.zst"))
              .map(n -> n.substring(0, n.indexOf('.')))
              .toList();
    }
    try (Stream<Path> files = Files.list(jobDir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !committed.contains(n.substring(0, Math.max(0, n.indexOf('.')))))
          .toList();
    }
  }

  void bigFile(int mebibytes) throws IOException {
    byte[] b = new byte[mebibytes << 20];
    new Random(7).nextBytes(b);
    Files.write(source.resolve("scansione.pdf"), b);
  }

  @Test
  void aDaemonStoppedForThreeNightsMakesThemUpWithOneRunMarkedAsCatchUp() throws Exception {
    // A "night" is 3 seconds: the incremental fires at every third second.
    configure(NEVER, "0/3 * * * * ?", "", "", "");
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await(JOB + " \\S+ \\w+: success", Duration.ofSeconds(30));
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
    }
    int before = runs().size();
    TimeUnit.MILLISECONDS.sleep(10_500); // three fire times, at least, go by with no daemon

    Instant restarted = Instant.now();
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await("catch-up of \\d+ missed runs", Duration.ofSeconds(30));
      d.await(JOB + " \\S+ \\w+: success", before + 1, Duration.ofSeconds(30));
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
    }

    List<RunSummary> after = runs().subList(before, runs().size());
    RunSummary catchUp = after.get(0);
    assertThat(catchUp.trigger()).isEqualTo("catch-up");
    assertThat(catchUp.outcome()).isEqualTo("success");
    // Once, not once per missed night: every later run is a regular one, on its own fire time.
    assertThat(after.subList(1, after.size())).allMatch(r -> r.trigger().equals("schedule"));
    assertThat(after).filteredOn(r -> r.trigger().equals("catch-up")).hasSize(1);
    try (History history = History.open(data)) {
      assertThat(history.events(restarted, 50))
          .anyMatch(e -> e.kind().equals("catch-up") && e.message().contains("missed runs"));
    }
  }

  @Test
  void aDaemonKilledDuringABackupRecordsItInterruptedAndTheNextRunProceeds() throws Exception {
    bigFile(4); // 4 MiB at 2 Mbit/s: some 16 seconds
    configure(NEVER, "0/2 * * * * ?", "", ", bandwidth: 2Mbit", "");
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await(FIRST_RUN_STARTS, Duration.ofSeconds(30));
      TimeUnit.SECONDS.sleep(3);
      d.signal("KILL");
      d.awaitExit(Duration.ofSeconds(10));
    }
    assertThat(listed()).as("nothing half-written is listed").isEmpty();

    configure(NEVER, "0/2 * * * * ?", "", "", ""); // the line is fast again
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await(JOB + " \\S+ \\w+: success", Duration.ofSeconds(60));
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
      assertThat(d.log()).doesNotContain("already running");
    }

    List<RunSummary> runs = runs();
    assertThat(runs.get(0).outcome()).isEqualTo("interrupted");
    assertThat(runs.get(0).error()).contains("stopped while it ran");
    assertThat(runs.get(1).outcome()).isEqualTo("success");
    assertThat(runs.get(1).trigger()).isIn("recovery", "catch-up", "schedule");
    assertThat(listed()).isNotEmpty();
    assertThat(leftovers()).as("the interrupted run's parts are cleaned up").isEmpty();
  }

  @Test
  void sigtermLetsARunningBackupFinishWithinTheGracePeriod() throws Exception {
    bigFile(1); // some 4 seconds at 2 Mbit/s
    configure(NEVER, "0/2 * * * * ?", ", shutdownGrace: 60s", ", bandwidth: 2Mbit", "");
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await(FIRST_RUN_STARTS, Duration.ofSeconds(30));
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(d.log()).contains("stopping: no new runs").contains(": success");
    }
    List<RunSummary> runs = runs();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).outcome()).isEqualTo("success");
    assertThat(listed()).hasSize(1);
  }

  @Test
  void sigtermCancelsABackupThatOutlastsTheGracePeriodLeavingNothingHalfWritten() throws Exception {
    bigFile(8); // some 32 seconds at 2 Mbit/s
    configure(NEVER, "0/2 * * * * ?", ", shutdownGrace: 2s", ", bandwidth: 2Mbit", "");
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await(FIRST_RUN_STARTS, Duration.ofSeconds(30));
      TimeUnit.SECONDS.sleep(1);
      long signalled = System.nanoTime();
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled))
          .isLessThan(Duration.ofSeconds(10));
    }
    List<RunSummary> runs = runs();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).outcome()).isEqualTo("failed");
    assertThat(runs.get(0).error()).contains("cancelled").contains("grace period");
    assertThat(listed()).isEmpty();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void sighupWithABrokenConfigurationKeepsTheOldSchedulesAndReloadTakesAGoodOne() throws Exception {
    configure(NEVER, "0/2 * * * * ?", "", "", "");
    try (DaemonProcess d = DaemonProcess.start(config, log)) {
      d.await(JOB + " \\S+ \\w+: success", Duration.ofSeconds(30));
      String good = Files.readString(config);
      Files.writeString(config, good.replace("0/2 * * * * ?", "every two seconds"));
      d.signal("HUP");
      String refused = d.await("reload refused.*", Duration.ofSeconds(20));
      assertThat(refused).contains("invalid cron expression").contains("line 11");
      int runsAtRefusal = count(d.log(), JOB + " \\S+ \\w+: success");
      d.await(JOB + " \\S+ \\w+: success", runsAtRefusal + 2, Duration.ofSeconds(20));

      // A good configuration with a second job is taken.
      Files.writeString(
          config,
          good
              + """
                docs-copia:
                  source: docs
                  target: nas
                  full: "%s"
                  incremental: "1/2 * * * * ?"
              """
                  .formatted(NEVER));
      CliResult reload = Workspace.inProcess("-c", config.toString(), "reload");
      assertThat(reload.exitCode()).as(reload.err()).isZero();
      assertThat(reload.out()).contains("asked the daemon (pid " + d.pid() + ")");
      d.await("reload: scheduled docs-copia.incremental", Duration.ofSeconds(20));
      d.await("docs-copia \\S+ \\w+: success", Duration.ofSeconds(20));
      d.signal("TERM");
      assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
    }
  }

  /**
   * {@code continuo backup} while the daemon runs: the command hands the run to the daemon (its
   * control socket), which runs it in its own JVM, and shows it as if it had run it itself.
   */
  @Nested
  class HandedFromTheCommandLine {
    /** A real command process, as a sysadmin would type it. */
    ProcessBuilder command(String... args) {
      List<String> all = new java.util.ArrayList<>(Workspace.javaCommand());
      all.addAll(List.of("-c", config.toString()));
      all.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(all);
      pb.environment().put("LC_ALL", "C.UTF-8");
      return pb;
    }

    CliResult backup(String... args) throws Exception {
      List<String> all = new java.util.ArrayList<>(List.of("backup", JOB));
      all.addAll(List.of(args));
      return Workspace.run(command(all.toArray(String[]::new)), 120);
    }

    @Test
    void theDaemonRunsTheBackupAndRecordsItAsAskedOnTheCommandLine() throws Exception {
      configure(NEVER, NEVER, "", "", "");
      try (DaemonProcess d = DaemonProcess.start(config, log)) {
        d.await("started: 1 jobs", Duration.ofSeconds(30));
        Path socket = data.resolve("control.sock");
        assertThat(Files.getPosixFilePermissions(socket))
            .as("only the daemon's user may ask")
            .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        CliResult full = backup();
        assertThat(full.exitCode()).as(full.toString()).isZero();
        assertThat(full.out()).containsPattern(JOB + " \\S+-F full to nas: 1 new, 0 changed");
        assertThat(d.log())
            .containsPattern(JOB + ": backup asked on the command line \\(pid \\d+\\)");

        Files.writeString(source.resolve("fattura.txt"), "fattura 1, corretta\n");
        CliResult json = backup("--incremental", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode r =
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(r.get("level").asText()).isEqualTo("incremental");
        assertThat(r.get("changedFiles").asLong()).isEqualTo(1);
        assertThat(count(d.log(), "backup asked on the command line")).isEqualTo(2);

        d.signal("TERM");
        assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
        assertThat(socket).as("removed when the daemon stops").doesNotExist();
      }
      List<RunSummary> runs = runs();
      assertThat(runs).extracting(RunSummary::trigger).containsExactly("cli", "cli");
      assertThat(runs).extracting(RunSummary::outcome).containsExactly("success", "success");
      assertThat(listed()).hasSize(2);
    }

    @Test
    void aFailedRunPrintsAndExitsAsTheCommandItselfWould() throws Exception {
      configure(NEVER, NEVER, "", "", "");
      try (DaemonProcess d = DaemonProcess.start(config, log)) {
        d.await("started: 1 jobs", Duration.ofSeconds(30));
        Files.delete(nas); // the share is not mounted
        CliResult handed = backup();
        CliResult here = backup("--here");
        assertThat(count(d.log(), "backup asked on the command line")).isEqualTo(1);
        assertThat(handed.exitCode()).isEqualTo(1).isEqualTo(here.exitCode());
        String failed = "continuo: backup " + JOB + " to nas failed: no target can be reached";
        assertThat(handed.err())
            .contains(failed)
            .contains("does not exist (is the share mounted?)");
        assertThat(line(handed.err(), failed)).isEqualTo(line(here.err(), failed));
        assertThat(handed.out()).isEqualTo(here.out()).isEmpty();
        d.signal("TERM");
        d.awaitExit(Duration.ofSeconds(20));
      }
    }

    String line(String text, String prefix) {
      return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(none)");
    }

    @Test
    void killingTheCommandCancelsTheRunLeavingNothingHalfWrittenAndTheNextRunProceeds()
        throws Exception {
      bigFile(8); // some 32 seconds at 2 Mbit/s
      configure(NEVER, NEVER, "", ", bandwidth: 2Mbit", "");
      try (DaemonProcess d = DaemonProcess.start(config, log)) {
        d.await("started: 1 jobs", Duration.ofSeconds(30));
        Process command =
            command("backup", JOB)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        d.await(
            "backup asked on the command line \\(pid " + command.pid() + "\\)",
            Duration.ofSeconds(30));
        TimeUnit.SECONDS.sleep(2);
        command.destroyForcibly().waitFor();
        d.await(JOB + " \\S+ \\w+: failed", Duration.ofSeconds(20));
        assertThat(listed()).as("the cancelled run is not listed").isEmpty();
        assertThat(leftovers()).as("nothing half-written is left").isEmpty();

        configure(NEVER, NEVER, "", "", ""); // the line is fast again
        CliResult next = backup();
        assertThat(next.exitCode()).as(next.toString()).isZero();
        d.signal("TERM");
        assertThat(d.awaitExit(Duration.ofSeconds(20))).isZero();
      }
      List<RunSummary> runs = runs();
      assertThat(runs.get(0).outcome()).isEqualTo("failed");
      assertThat(runs.get(0).error()).contains("the command that asked for the backup ended");
      assertThat(runs.get(1).outcome()).isEqualTo("success");
      assertThat(listed()).hasSize(1);
    }

    @Test
    void aSecondCommandWhileTheFirstRunsExits11AndTheFirstCompletes() throws Exception {
      bigFile(1); // some 4 seconds at 2 Mbit/s
      configure(NEVER, NEVER, "", ", bandwidth: 2Mbit", "");
      try (DaemonProcess d = DaemonProcess.start(config, log)) {
        d.await("started: 1 jobs", Duration.ofSeconds(30));
        Path out = dir.resolve("first.out");
        Process first =
            command("backup", JOB).redirectOutput(out.toFile()).redirectErrorStream(true).start();
        d.await(
            "backup asked on the command line \\(pid " + first.pid() + "\\)",
            Duration.ofSeconds(30));
        CliResult second = backup();
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(11);
        assertThat(second.err()).contains("already running");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(out)).isZero();
        d.signal("TERM");
        d.awaitExit(Duration.ofSeconds(20));
      }
      assertThat(runs()).extracting(RunSummary::outcome).containsExactly("success");
    }

    @Test
    void aCommandWithAnotherConfigurationFileRunsTheBackupItself() throws Exception {
      configure(NEVER, NEVER, "", "", "");
      Path copy = Files.copy(config, dir.resolve("copia.yaml"));
      try (DaemonProcess d = DaemonProcess.start(config, log)) {
        d.await("started: 1 jobs", Duration.ofSeconds(30));
        List<String> args = new java.util.ArrayList<>(Workspace.javaCommand());
        args.addAll(List.of("-c", copy.toString(), "backup", JOB));
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.environment().put("LC_ALL", "C.UTF-8");
        CliResult r = Workspace.run(pb, 120);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err())
            .contains("the running daemon does not take the backup (the daemon runs " + config)
            .contains("running it here");
        assertThat(d.log()).doesNotContain("backup asked on the command line");
        d.signal("TERM");
        d.awaitExit(Duration.ofSeconds(20));
      }
      assertThat(listed()).hasSize(1);
    }
  }

  static int count(String text, String regex) {
    return (int) java.util.regex.Pattern.compile(regex).matcher(text).results().count();
  }
}

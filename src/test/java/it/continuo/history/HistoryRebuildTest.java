package it.continuo.history;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.manifest.ManifestFooter;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetOutcome;
import it.continuo.storage.local.LocalTarget;
import it.continuo.testing.CliResult;
import it.continuo.testing.GpgKeys;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Rebuilding the history from the targets")
class HistoryRebuildTest {
  static final String JOB = Workspace.JOB;

  @TempDir Path tmp;
  Workspace ws;

  @BeforeEach
  void workspace() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    Files.writeString(ws.source.resolve("a.txt"), "alpha\n");
    Files.writeString(ws.source.resolve("b.txt"), "beta\n");
  }

  void backup() throws Exception {
    CliResult r = ws.cli("backup", JOB);
    assertThat(r.exitCode()).as("%s", r).isZero();
    Files.writeString(ws.source.resolve("n" + ws.committedRuns().size() + ".txt"), "more\n");
  }

  void loseHistory() throws Exception {
    Files.delete(History.file(ws.data));
  }

  List<CatalogRebuild.TargetReport> rebuild() throws Exception {
    return rebuild(null, null);
  }

  List<CatalogRebuild.TargetReport> rebuild(Path key, String passphrase) throws Exception {
    Config config = new ConfigLoader().load(ws.config);
    try (History history = History.open(ws.data)) {
      return new CatalogRebuild(config, history, key, passphrase).rebuild();
    }
  }

  List<RunSummary> runs() throws Exception {
    try (History history = History.open(ws.data)) {
      return history.runsSince(JOB, Instant.EPOCH);
    }
  }

  @Test
  @DisplayName(
      "gives back the runs the CLI recorded, their verifications, and times of the footers")
  void matchesTheRuns() throws Exception {
    backup();
    backup();
    backup();
    assertThat(ws.cli("verify", JOB, "--all").exitCode()).isZero();
    List<RunSummary> recorded = runs();
    List<it.continuo.status.VerificationSummary> verified;
    try (History history = History.open(ws.data)) {
      verified = history.lastVerifications(JOB);
    }
    loseHistory();

    List<CatalogRebuild.TargetReport> reports = rebuild();

    assertThat(reports)
        .containsExactly(new CatalogRebuild.TargetReport(JOB, "nas", null, 3, 3, 0, 3, 0, 0));
    List<RunSummary> rebuilt = runs();
    assertThat(rebuilt).hasSameSizeAs(recorded);
    List<ManifestFooter> footers = footers();
    for (int i = 0; i < rebuilt.size(); i++) {
      RunSummary r = rebuilt.get(i);
      RunSummary cli = recorded.get(i);
      ManifestFooter f = footers.get(footers.size() - 1 - i);
      assertThat(r.trigger()).isEqualTo("rebuilt");
      assertThat(r)
          .usingRecursiveComparison()
          .comparingOnlyFields(
              "run", "level", "outcome", "files", "bytesRead", "archiveBytes", "error")
          .isEqualTo(cli);
      assertThat(r.targets()).containsExactlyElementsOf(cli.targets());
      assertThat(r.start()).as("to the microsecond").isEqualTo(f.start().truncatedTo(MICROS));
      assertThat(r.end()).isEqualTo(f.end().truncatedTo(MICROS));
    }
    try (History history = History.open(ws.data)) {
      assertThat(history.lastVerifications(JOB)).isEqualTo(verified);
      assertThat(history.lastFullStart(JOB)).contains(footers.get(0).start().truncatedTo(MICROS));
    }
  }

  List<ManifestFooter> footers() throws Exception {
    try (LocalTarget nas = new LocalTarget("nas", ws.nas)) {
      return new JobStore(nas, Workspace.AGENT, JOB)
          .points().stream().map(RestorePoint::footer).toList();
    }
  }

  @Test
  @DisplayName("is idempotent: run twice, the same rows")
  void idempotent() throws Exception {
    backup();
    backup();
    assertThat(ws.cli("verify", JOB).exitCode()).isZero();
    loseHistory();
    rebuild();
    List<RunSummary> once = runs();

    List<CatalogRebuild.TargetReport> again = rebuild();

    assertThat(again)
        .containsExactly(new CatalogRebuild.TargetReport(JOB, "nas", null, 2, 0, 0, 0, 0, 0));
    assertThat(runs()).isEqualTo(once);
  }

  @Test
  @DisplayName("adds nothing to a history that recorded every run")
  void nothingMissing() throws Exception {
    backup();
    List<RunSummary> recorded = runs();

    assertThat(rebuild()).extracting(CatalogRebuild.TargetReport::runsAdded).containsExactly(0);
    assertThat(runs()).isEqualTo(recorded);
  }

  @Nested
  @DisplayName("with two targets")
  class TwoTargets {
    Path nas2;

    @BeforeEach
    void secondTarget() throws Exception {
      nas2 = Files.createDirectories(tmp.resolve("nas2"));
      ws.useTargets("nas2: { type: local, path: \"" + nas2 + "\" }", "nas", "nas2");
    }

    @Test
    @DisplayName("a run on both is one run, stored on each")
    void oneRunTwoTargets() throws Exception {
      backup();
      loseHistory();

      assertThat(rebuild())
          .extracting(
              CatalogRebuild.TargetReport::runsAdded, CatalogRebuild.TargetReport::targetsAdded)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(0, 1));
      assertThat(runs())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.targets())
                      .extracting(TargetOutcome::target, TargetOutcome::stored)
                      .containsExactly(
                          org.assertj.core.groups.Tuple.tuple("nas", true),
                          org.assertj.core.groups.Tuple.tuple("nas2", true)));
    }

    @Test
    @DisplayName("one that cannot be read is reported, and the other is still read")
    void unreachable() throws Exception {
      backup();
      loseHistory();
      Files.walk(nas2)
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(p -> p.toFile().delete());

      CliResult r = ws.cli("catalog", "rebuild");

      assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
      assertThat(r.err()).contains(JOB + " on nas2: NOT READ: ");
      assertThat(r.out()).contains(JOB + " on nas: 1 runs, 1 added");
      assertThat(runs()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("with an encrypted target")
  class Encrypted {
    GpgKeys keys;

    @BeforeEach
    void vault() throws Exception {
      keys = GpgKeys.get();
      Path vault = Files.createDirectories(tmp.resolve("vault"));
      ws.useTargets(
          "vault: { type: local, path: \""
              + vault
              + "\", encryptTo: \""
              + keys.cv25519.publicKey()
              + "\" }",
          "vault");
    }

    @Test
    @DisplayName("records sealed runs with what their id tells, and completes them with the key")
    void sealed() throws Exception {
      backup();
      List<RunSummary> recorded = runs();
      loseHistory();

      assertThat(rebuild())
          .extracting(CatalogRebuild.TargetReport::runsAdded, CatalogRebuild.TargetReport::sealed)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1));
      RunSummary sealed = runs().get(0);
      assertThat(sealed.run()).isEqualTo(recorded.get(0).run());
      assertThat(sealed.level()).isEqualTo("full");
      assertThat(sealed.start())
          .isEqualTo(recorded.get(0).start().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      assertThat(sealed.end()).isNull();
      assertThat(sealed.files()).isZero();

      rebuild(keys.cv25519.secretKey(), GpgKeys.PASSPHRASE);

      RunSummary complete = runs().get(0);
      assertThat(complete.end()).isNotNull();
      assertThat(complete.files()).isEqualTo(recorded.get(0).files());
      assertThat(runs()).hasSize(1);
    }
  }
}

package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.lock.JobLock;
import it.continuo.testing.CliResult;
import it.continuo.testing.GpgKeys;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo prune} on two chains of real backups, under {@code keep: {fulls: 1}}. */
@DisplayName("continuo prune")
class PruneCommandTest {
  static final String KEEP = "keep: { fulls: 1 }";

  @TempDir Path tmp;
  Workspace ws;
  List<String> runs;

  /** A full and an incremental, twice. */
  void twoChains() throws Exception {
    for (String level : List.of("--full", "--incremental", "--full", "--incremental")) {
      Files.writeString(ws.source.resolve("file" + level + System.nanoTime()), level);
      CliResult r = ws.cli("backup", Workspace.JOB, level);
      assertThat(r.exitCode()).as(r.toString()).isZero();
    }
  }

  @Nested
  @DisplayName("on a plain target")
  class Plain {
    @BeforeEach
    void setUp() throws Exception {
      ws = new Workspace(tmp);
      ws.writeConfig("", KEEP);
      twoChains();
      runs = ws.committedRuns();
      assertThat(runs).hasSize(4);
    }

    @Test
    @DisplayName(
        "--dry-run prints what it would delete and why the rest is kept, and deletes nothing")
    void dryRun() throws Exception {
      CliResult r = ws.cli("prune", Workspace.JOB, "--dry-run");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("nas: keep 1 chain(s) (2 runs), would delete 1 chain(s) (2 runs, ")
          .contains("would delete chain " + runs.get(0) + ": " + runs.get(1) + " " + runs.get(0))
          .contains("keep chain " + runs.get(2))
          .contains(runs.get(3) + "  newest chain; fulls 1");
      assertThat(ws.committedRuns()).isEqualTo(runs);
    }

    @Test
    @DisplayName("deletes the older chain and says how much it freed")
    void prune() throws Exception {
      CliResult r = ws.cli("prune", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("delete chain " + runs.get(0)).contains("deleted 2 of 2 runs, ");
      assertThat(ws.committedRuns()).containsExactly(runs.get(2), runs.get(3));
      CliResult verify = ws.cli("verify", Workspace.JOB);
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    @DisplayName("--json gives kept and deleted chains with reasons")
    void json() throws Exception {
      CliResult r = ws.cli("prune", Workspace.JOB, "--json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode t = new ObjectMapper().readTree(r.out()).get(0);
      assertThat(t.get("target").asText()).isEqualTo("nas");
      assertThat(t.get("deletedChains").get(0).get("head").asText()).isEqualTo(runs.get(0));
      assertThat(t.get("deleted").toString()).contains(runs.get(1), runs.get(0));
      assertThat(t.get("kept").get(0).get("runs").get(1).get("reasons").toString())
          .contains("newest chain");
      assertThat(t.get("bytesFreed").asLong()).isPositive();
    }

    @Test
    @DisplayName("a job without keep rule: says so, exit 0, nothing deleted")
    void noRule() throws Exception {
      ws.writeConfig("", "");
      CliResult r = ws.cli("prune", Workspace.JOB);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("job " + Workspace.JOB + " has no keep rule: every run is kept");
      assertThat(ws.committedRuns()).hasSize(4);
    }

    @Test
    @DisplayName("an unknown --target is a usage error (exit 2)")
    void unknownTarget() {
      CliResult r = ws.cli("prune", Workspace.JOB, "--target", "nsa");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("has no target \"nsa\"");
    }

    @Test
    @DisplayName("exits 11 while the job runs")
    void locked() throws Exception {
      try (JobLock held = JobLock.acquire(tmp.resolve("data"), Workspace.JOB, "backup")) {
        CliResult r = ws.cli("prune", Workspace.JOB);
        assertThat(r.exitCode()).isEqualTo(11);
      }
      assertThat(ws.committedRuns()).hasSize(4);
    }
  }

  @Nested
  @DisplayName("on an encrypted target, without the private key")
  class Encrypted {
    GpgKeys keys;
    Path vault;

    @BeforeEach
    void setUp() throws Exception {
      keys = GpgKeys.get();
      ws = new Workspace(tmp);
      vault = Files.createDirectories(tmp.resolve("vault"));
      ws.useTargets(
          "vault: { type: local, path: \""
              + vault
              + "\", encryptTo: \""
              + keys.cv25519.publicKey()
              + "\" }",
          "vault");
      ws.writeConfig("", KEEP);
      twoChains();
      try (var s = Files.list(vault.resolve(Workspace.AGENT).resolve(Workspace.JOB))) {
        runs =
            s.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".manifest.jsonl.zst.gpg"))
                .map(n -> n.substring(0, n.indexOf('.')))
                .sorted()
                .toList();
      }
      assertThat(runs).hasSize(4);
    }

    @Test
    @DisplayName("plans from the agent's own copies of the manifests, and prunes")
    void fromCache() throws Exception {
      CliResult r = ws.cli("prune", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("delete chain " + runs.get(0)).contains("deleted 2 of 2 runs");
      try (var s = Files.list(vault.resolve(Workspace.AGENT).resolve(Workspace.JOB))) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .allMatch(n -> n.startsWith(runs.get(2)) || n.startsWith(runs.get(3)));
      }
    }

    @Test
    @DisplayName("without those copies keeps every run: the incrementals' needs are unknown")
    void withoutCache() throws Exception {
      FileUtils.deleteDirectory(tmp.resolve("data/manifests").toFile());
      CliResult r = ws.cli("prune", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("delete 0 chain(s) (0 runs, 0 B)")
          .contains("needs unknown: encrypted, and the agent has no copy of its manifest");
    }

    @Test
    @DisplayName("with --key reads the manifests on the target itself")
    void withKey() throws Exception {
      FileUtils.deleteDirectory(tmp.resolve("data/manifests").toFile());
      Path pass = Files.writeString(tmp.resolve("pass"), GpgKeys.PASSPHRASE + "\n");
      CliResult r =
          ws.cli(
              "prune",
              Workspace.JOB,
              "--key",
              keys.cv25519.secretKey().toString(),
              "--passphrase-file",
              pass.toString());
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("deleted 2 of 2 runs");
    }
  }
}

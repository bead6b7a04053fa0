package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.CliResult;
import it.continuo.testing.OddTree;
import it.continuo.testing.Shell;
import it.continuo.testing.Tmpfs;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets one clear line and the right exit code (2 for configuration and usage errors, 1
 * for a run that failed), and earlier runs stay untouched: each case first makes a good backup,
 * then breaks something, then checks the earlier run is still listed and restores identically.
 */
@DisplayName("Bad input")
class BadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Workspace ws;
  String goodConfig;
  TreeSnapshot before;
  String earlierRun;
  Tmpfs tmpfs;
  int restores;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    goodConfig = Files.readString(ws.config);
  }

  @AfterEach
  void unmount() throws Exception {
    if (tmpfs != null) {
      tmpfs.close();
    }
  }

  /** A small tree and a successful backup of it: the run that must survive what follows. */
  void earlierBackup() throws Exception {
    Files.createDirectories(ws.source.resolve("docs"));
    OddTree.write(ws.source.resolve("docs/a.txt"), "alpha\n");
    OddTree.write(ws.source.resolve("docs/b.txt"), "beta\n".repeat(100));
    Files.createSymbolicLink(ws.source.resolve("link"), Path.of("docs/a.txt"));
    before = TreeSnapshot.of(ws.source, true);
    CliResult r = ws.cli("backup", Workspace.JOB);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    earlierRun = ws.committedRuns().get(0);
  }

  static void assertOneClearLine(CliResult r, int exitCode) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
    String err = r.err().strip();
    assertThat(err).as(r.toString()).isNotEmpty().doesNotContain("\n");
    assertThat(err).as(r.toString()).startsWith("continuo: ");
    assertThat(err).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  /** The earlier run is the only one, listed, and restores to the tree it was taken of. */
  void assertEarlierRunUntouched() throws Exception {
    Files.writeString(ws.config, goodConfig);
    assertThat(ws.committedRuns()).containsExactly(earlierRun);
    CliResult list = ws.cli("list", Workspace.JOB, "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    List<String> listed = new ArrayList<>();
    for (JsonNode p : JSON.readTree(list.out())) {
      listed.add(p.path("run").asText());
    }
    assertThat(listed).containsExactly(earlierRun);
    Path to = tmp.resolve("restore-" + restores++);
    CliResult restore =
        ws.cli("restore", Workspace.JOB, "--to", to.toString(), "--run", earlierRun);
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(TreeSnapshot.of(to.resolve(ws.source.toString().substring(1)), true))
        .isEqualTo(before);
  }

  /** Replaces the one line {@code from} of the good configuration; returns its line number. */
  int replaceLine(String from, String to) throws IOException {
    List<String> lines = new ArrayList<>(List.of(goodConfig.split("\n", -1)));
    int index = lines.indexOf(from);
    assertThat(index).as("line \"%s\" in\n%s", from, goodConfig).isNotNegative();
    lines.set(index, to);
    Files.writeString(ws.config, String.join("\n", lines));
    return index + 1;
  }

  int lineOf(String line) throws IOException {
    List<String> lines = Files.readAllLines(ws.config);
    int index = lines.indexOf(line);
    assertThat(index).as("line \"%s\" in the configuration", line).isNotNegative();
    return index + 1;
  }

  @Nested
  @DisplayName("in the configuration: exit 2, the YAML path and line named")
  class Configuration {
    @BeforeEach
    void backup() throws Exception {
      earlierBackup();
    }

    @Test
    @DisplayName("malformed YAML names the file, line and column")
    void malformedYaml() throws Exception {
      int line = replaceLine("    source: docs", "    source: [docs");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err()).contains(ws.config.toString()).contains("malformed YAML");
      assertThat(r.err()).containsPattern("line (" + line + "|" + (line + 1) + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("a tab where YAML wants spaces is malformed YAML, not a stack trace")
    void tabIndent() throws Exception {
      replaceLine("    source: docs", "\tsource: docs");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err()).contains("line ");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("an unknown key in a source names its path and line")
    void unknownSourceKey() throws Exception {
      ws.writeConfig("colour: blue", "");
      int line = lineOf("    colour: blue");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err())
          .contains("sources.docs.colour: unknown key")
          .contains("paths, exclude")
          .contains("(line " + line + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("an unknown key in a job names its path and line")
    void unknownJobKey() throws Exception {
      ws.writeConfig("", "retention: 5");
      int line = lineOf("    retention: 5");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err())
          .contains("jobs." + Workspace.JOB + ".retention: unknown key")
          .contains("(line " + line + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("an unknown top-level section is named")
    void unknownSection() throws Exception {
      Files.writeString(ws.config, goodConfig + "job:\n  x: 1\n");
      int line = lineOf("job:");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err()).contains("job: unknown key").contains("(line " + line + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("a misspelt key with a block under it (hook: for hooks:) names the key's line")
    void misspeltBlockKey() throws Exception {
      ws.writeConfig("", "hook:\n  pre: [\"true\"]");
      int line = lineOf("    hook:");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err())
          .contains("jobs." + Workspace.JOB + ".hook: unknown key")
          .contains("hooks")
          .contains("(line " + line + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("an unknown target: jobs.docs-nas.target: unknown target \"nsa\"; defined: nas")
    void unknownTarget() throws Exception {
      int line = replaceLine("    target: nas", "    target: nsa");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err().strip())
          .isEqualTo(
              "continuo: jobs."
                  + Workspace.JOB
                  + ".target: unknown target \"nsa\"; defined: nas (line "
                  + line
                  + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("an unknown source names the defined ones")
    void unknownSource() throws Exception {
      int line = replaceLine("    source: docs", "    source: dcos");
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 2);
      assertThat(r.err().strip())
          .isEqualTo(
              "continuo: jobs."
                  + Workspace.JOB
                  + ".source: unknown source \"dcos\"; defined: docs (line "
                  + line
                  + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("check-config reports the same error with the same exit code")
    void checkConfigOnBadConfig() throws Exception {
      int line = replaceLine("    target: nas", "    target: nsa");
      CliResult r = ws.cli("check-config");
      assertOneClearLine(r, 2);
      assertThat(r.err()).contains("unknown target \"nsa\"").contains("(line " + line + ")");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("an unknown job names the defined ones")
    void unknownJob() throws Exception {
      CliResult r = ws.cli("backup", "docs-nsa");
      assertOneClearLine(r, 2);
      assertThat(r.err()).contains("\"docs-nsa\"").contains(Workspace.JOB);
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("a configuration file that does not exist")
    void missingFile() throws Exception {
      CliResult r = Workspace.inProcess("-c", tmp.resolve("nope.yaml").toString(), "check-config");
      assertOneClearLine(r, 2);
      assertThat(r.err()).contains("nope.yaml").contains("does not exist");
      assertEarlierRunUntouched();
    }
  }

  @Nested
  @DisplayName("in the source: the run fails (exit 1)")
  class Source {
    @BeforeEach
    void backup() throws Exception {
      earlierBackup();
    }

    @Test
    @DisplayName("a source path that does not exist is named")
    void missingSourcePath() throws Exception {
      Files.move(ws.source, tmp.resolve("moved-away"));
      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 1);
      assertThat(r.err()).contains(ws.source.toString()).contains("does not exist");
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("a source path that cannot be read is named")
    void unreadableSourcePath() throws Exception {
      OddTree.mode(ws.source, 0000);
      try {
        CliResult r =
            Workspace.run(Shell.withoutDacOverride(ws.process("backup", Workspace.JOB)), 120);
        assertOneClearLine(r, 1);
        assertThat(r.err()).contains(ws.source.toString()).contains("not readable");
      } finally {
        OddTree.mode(ws.source, 0755);
      }
      assertEarlierRunUntouched();
    }
  }

  @Nested
  @DisplayName("in the target: the run fails (exit 1)")
  class Target {
    @Test
    @DisplayName("a target directory that is not writable (a read-only mount)")
    void readOnlyTarget() throws Exception {
      tmpfs = Tmpfs.mount(ws.nas, "size=8m");
      earlierBackup();
      tmpfs.remountReadOnly();
      OddTree.write(ws.source.resolve("docs/c.txt"), "gamma\n");

      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 1);
      assertThat(r.err()).containsIgnoringCase("read-only").contains(ws.nas.toString());
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("a target directory that is missing (the NAS share not mounted)")
    void missingTarget() throws Exception {
      earlierBackup();
      Path unmounted = tmp.resolve("nas-unmounted");
      Files.move(ws.nas, unmounted);
      try {
        CliResult r = ws.cli("backup", Workspace.JOB);
        assertOneClearLine(r, 1);
        assertThat(r.err()).contains(ws.nas.toString()).contains("does not exist");
      } finally {
        Files.move(unmounted, ws.nas);
      }
      assertEarlierRunUntouched();
    }

    @Test
    @DisplayName("a target that fills up mid-run: nothing half-written is left, the next run works")
    void targetFillsUp() throws Exception {
      tmpfs = Tmpfs.mount(ws.nas, "size=2m");
      earlierBackup();
      byte[] incompressible = new byte[4 << 20];
      new Random(1).nextBytes(incompressible);
      Files.write(ws.source.resolve("docs/big.bin"), incompressible);

      CliResult r = ws.cli("backup", Workspace.JOB);
      assertOneClearLine(r, 1);
      assertThat(r.err()).containsIgnoringCase("no space left");
      try (Stream<Path> files = Files.walk(ws.nas)) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .as("files on the target after the failed run")
            .allSatisfy(n -> assertThat(n).startsWith(earlierRun));
      }
      assertEarlierRunUntouched();

      Files.delete(ws.source.resolve("docs/big.bin"));
      CliResult next = ws.cli("backup", Workspace.JOB);
      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(ws.committedRuns()).hasSize(2).startsWith(earlierRun);
    }
  }

  @Nested
  @DisplayName("on the command line")
  class CommandLine {
    @Test
    @DisplayName("check-config prints the jobs of a good configuration and exits 0")
    void checkConfig() {
      CliResult r = ws.cli("check-config");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("is valid")
          .contains("job " + Workspace.JOB)
          .contains(ws.source.toString())
          .contains("nas (local " + ws.nas + ")");
      assertThat(r.err()).isEmpty();
    }

    @Test
    @DisplayName("an unknown command exits 2 and names it")
    void unknownCommand() {
      CliResult r = ws.cli("bakcup", Workspace.JOB);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("bakcup").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a missing argument exits 2")
    void missingArgument() {
      CliResult r = ws.cli("backup");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("JOB").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("--help exits 0 on the root and on every command")
    void helpEverywhere() {
      CliResult root = Workspace.inProcess("--help");
      assertThat(root.exitCode()).as(root.toString()).isZero();
      List<String> commands = commands(root.out());
      assertThat(commands).contains("backup", "restore", "list", "verify", "check-config");
      for (String command : commands) {
        CliResult r = Workspace.inProcess(command, "--help");
        assertThat(r.exitCode()).as(command + " --help: " + r).isZero();
        assertThat(r.out()).as(command + " --help").contains("Usage: continuo " + command);
      }
    }

    /** The command names in the "Commands:" section of the root's usage. */
    List<String> commands(String usage) {
      List<String> names = new ArrayList<>();
      boolean in = false;
      for (String line : usage.split("\n")) {
        if (line.startsWith("Commands:")) {
          in = true;
        } else if (in && line.matches("^  [a-z][a-z-]*( .*)?$")) {
          names.add(line.trim().split("\\s+")[0]);
        } else if (in && !line.startsWith(" ")) {
          in = false;
        }
      }
      return names;
    }

    @Test
    @DisplayName("--version prints the version and exits 0")
    void version() {
      CliResult r = Workspace.inProcess("--version");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).containsPattern("(?m)^continuo \\S+$").contains("Java ");
    }
  }
}

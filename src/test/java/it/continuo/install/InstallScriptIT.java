package it.continuo.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.continuo.testing.CliResult;
import it.continuo.testing.Shell;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/install --root DIR}: never into the real system from a test. */
@DisplayName("scripts/install into a root directory")
class InstallScriptIT {
  private static final Path SCRIPT = Path.of("scripts", "install").toAbsolutePath();
  private static final Path TEMPLATE = Path.of("agent-config", "continuo.yaml").toAbsolutePath();
  private static final Path REAL_JAR = Path.of("target", "continuo.jar").toAbsolutePath();

  @TempDir Path root;
  @TempDir Path scratch;
  private Path jar;

  @BeforeEach
  void fakeJar() throws IOException {
    jar = Files.writeString(scratch.resolve("continuo.jar"), "not really a jar\n");
  }

  private CliResult install(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", SCRIPT.toString(), "--root", root.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("CONTINUO_JAR");
    return Workspace.run(pb, 120);
  }

  private CliResult installOk(String... args) throws IOException, InterruptedException {
    CliResult r = install(args);
    assertThat(r.exitCode()).as("%s", r).isZero();
    return r;
  }

  private String mode(String path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
  }

  @Nested
  @DisplayName("installing")
  class Installing {
    @Test
    @DisplayName("puts the jar, the command, the unit, the config and the directories in place")
    void tree() throws Exception {
      CliResult r = installOk("--jar", jar.toString());

      assertThat(root.resolve("usr/lib/continuo/continuo.jar")).hasSameBinaryContentAs(jar);
      assertThat(mode("usr/bin/continuo")).isEqualTo("rwxr-xr-x");
      assertThat(root.resolve("etc/systemd/system/continuo.service"))
          .hasSameTextualContentAs(Path.of("packaging/continuo.service"));
      assertThat(root.resolve("etc/continuo/continuo.yaml")).hasSameTextualContentAs(TEMPLATE);
      assertThat(mode("etc/continuo/continuo.yaml")).isEqualTo("rw-r-----");
      assertThat(mode("etc/continuo")).isEqualTo("rwxr-x---");
      assertThat(Files.readString(root.resolve("etc/continuo/http.token")))
          .as("the status endpoint's token")
          .matches("[0-9a-f]{64}\n");
      assertThat(mode("etc/continuo/http.token")).isEqualTo("rw-r-----");
      assertThat(mode("var/lib/continuo")).isEqualTo("rwxr-x---");
      assertThat(mode("var/log/continuo")).isEqualTo("rwxr-x---");
      assertThat(r.out())
          .contains("would create the system user continuo")
          .contains("would run: systemctl enable continuo.service");
    }

    @Test
    @DisplayName("a second time leaves the same tree, file times included")
    void idempotent() throws Exception {
      installOk("--jar", jar.toString());
      TreeSnapshot first = TreeSnapshot.of(root, false);

      CliResult again = installOk("--jar", jar.toString());

      assertThat(TreeSnapshot.of(root, false)).isEqualTo(first);
      assertThat(again.out()).contains("/usr/lib/continuo/continuo.jar is up to date");
    }

    @Test
    @DisplayName("never overwrites an edited configuration and puts the template beside it")
    void keepsConfig() throws Exception {
      installOk("--jar", jar.toString());
      Path config = root.resolve("etc/continuo/continuo.yaml");
      Files.writeString(config, "agent: { name: edited }\n");

      CliResult r = installOk("--jar", jar.toString());

      assertThat(config).hasContent("agent: { name: edited }");
      assertThat(root.resolve("etc/continuo/continuo.yaml.dist")).hasSameTextualContentAs(TEMPLATE);
      assertThat(r.out()).contains("differs from the template: kept");
    }

    @Test
    @DisplayName("gives a command that runs the installed jar")
    void command() throws Exception {
      assertThat(REAL_JAR).as("mvn package builds it before the integration tests").exists();
      installOk("--jar", REAL_JAR.toString());

      ProcessBuilder pb =
          new ProcessBuilder(root.resolve("usr/bin/continuo").toString(), "--version");
      pb.environment().remove("CONTINUO_JAR");
      CliResult r = Workspace.run(pb, 60);

      assertThat(r.exitCode()).as("%s", r).isZero();
      assertThat(r.out()).contains("0.1.0");
    }

    @Test
    @DisplayName("refuses a missing jar")
    void missingJar() throws Exception {
      CliResult r = install("--jar", scratch.resolve("nothing.jar").toString());

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("nothing.jar is missing or empty");
      assertThat(root).isEmptyDirectory();
    }
  }

  @Nested
  @DisplayName("uninstalling")
  class Uninstalling {
    @Test
    @DisplayName("removes the jar, the command and the unit, and keeps config, data and logs")
    void removes() throws Exception {
      installOk("--jar", jar.toString());
      Files.writeString(root.resolve("var/lib/continuo/state"), "kept");

      CliResult r = installOk("--uninstall");

      assertThat(root.resolve("usr/lib/continuo")).doesNotExist();
      assertThat(root.resolve("usr/bin/continuo")).doesNotExist();
      assertThat(root.resolve("etc/systemd/system/continuo.service")).doesNotExist();
      assertThat(root.resolve("etc/continuo/continuo.yaml")).hasSameTextualContentAs(TEMPLATE);
      assertThat(root.resolve("var/lib/continuo/state")).hasContent("kept");
      assertThat(root.resolve("var/log/continuo")).isDirectory();
      assertThat(r.out()).contains("kept /etc/continuo");
      assertThat(install("--uninstall").exitCode()).as("a second time").isZero();
    }
  }

  @Test
  @DisplayName("installs a unit that systemd-analyze verify accepts")
  void unitVerifies() throws Exception {
    boolean present = Shell.bash("command -v systemd-analyze", 10).exitCode() == 0;
    if (Shell.inCi()) {
      assertThat(present).as("systemd-analyze (Debian package systemd)").isTrue();
    }
    assumeTrue(present, "systemd-analyze is not installed");
    installOk("--jar", jar.toString());
    // verify checks that ExecStart exists: point it at the installed command under the root.
    String unit =
        Files.readString(root.resolve("etc/systemd/system/continuo.service"))
            .replace(
                "ExecStart=/usr/bin/continuo", "ExecStart=" + root.resolve("usr/bin/continuo"));
    Path copy = Files.writeString(scratch.resolve("continuo.service"), unit);

    CliResult r = Shell.bash("systemd-analyze verify " + Shell.quote(copy), 60);

    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.out() + r.err()).as("warnings").isEmpty();
  }
}

package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive beside the jar: {@code CONTINUO_MAKE_CLASS_DATA=1 continuo} makes it with
 * the training run, a command then loads its classes from it, and an archive that does not fit the
 * jar any more is ignored without a word.
 */
@DisplayName("the class-data archive")
class ClassDataArchiveIT {
  private static final Path WRAPPER = Path.of("packaging", "continuo").toAbsolutePath();
  private static final Path BUILT = Path.of("target", "continuo.jar").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  @DisplayName("is made by the training run and serves the classes of a command")
  void madeAndUsed() throws Exception {
    Path jar = Files.copy(BUILT, tmp.resolve("continuo.jar"));
    Path jsa = tmp.resolve("continuo.jsa");

    CliResult made = wrapper(jar, Map.of("CONTINUO_MAKE_CLASS_DATA", "1"));
    assertThat(made.exitCode()).as(made.err()).isZero();
    assertThat(jsa).isRegularFile();
    assertThat(Files.size(jsa)).isGreaterThan(1_000_000);
    try (var left = Files.list(tmp)) {
      assertThat(left).containsExactlyInAnyOrder(jar, jsa); // no scratch file left behind
    }

    CliResult used = wrapper(jar, Map.of(), "-Xlog:class+load=info", "--version");
    assertThat(used.exitCode()).as(used.err()).isZero();
    assertThat(used.out())
        .contains("it.continuo.cli.Main source: shared objects file (top)")
        .contains("it.continuo.cli.ContinuoCommand source: shared objects file (top)")
        .contains("continuo 0.");
  }

  @Test
  @DisplayName("is ignored, silently, once the jar is newer")
  void staleIgnored() throws Exception {
    Path jar = Files.copy(BUILT, tmp.resolve("continuo.jar"));
    assertThat(wrapper(jar, Map.of("CONTINUO_MAKE_CLASS_DATA", "1")).exitCode()).isZero();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

    CliResult plain = wrapper(jar, Map.of(), null, "--version");
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out())
        .isEqualTo("continuo 0.1.0\nJava " + System.getProperty("java.version") + "\n");
    assertThat(plain.err()).isEmpty();

    CliResult loaded = wrapper(jar, Map.of(), "-Xlog:class+load=info", "--version");
    assertThat(loaded.out())
        .doesNotContain("shared objects file (top)")
        .contains("it.continuo.cli.Main source: file:");
  }

  @Test
  @DisplayName("that is damaged costs only the start-up time")
  void damagedIgnored() throws Exception {
    Path jar = Files.copy(BUILT, tmp.resolve("continuo.jar"));
    Path jsa = Files.writeString(tmp.resolve("continuo.jsa"), "not an archive\n");
    Files.setLastModifiedTime(jsa, FileTime.from(Instant.now().plusSeconds(60)));

    CliResult r = wrapper(jar, Map.of(), null, "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("continuo 0.");
    assertThat(r.err()).isEmpty();
  }

  private static CliResult wrapper(
      Path jar, Map<String, String> env, String javaOpts, String... args) throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(java.util.List.of("bash", WRAPPER.toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("CONTINUO_JAR", jar.toString());
    pb.environment().remove("CONTINUO_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("CONTINUO_JAVA_OPTS", javaOpts);
    }
    pb.environment().putAll(env);
    return Workspace.run(pb, 120);
  }

  private static CliResult wrapper(Path jar, Map<String, String> env) throws Exception {
    return wrapper(jar, env, null);
  }
}

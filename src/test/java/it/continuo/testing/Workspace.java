package it.continuo.testing;

import it.continuo.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A directory holding a source tree, a NAS directory, the agent's data directory and a
 * configuration with one job ({@value #JOB}) backing up the source to the NAS.
 */
public final class Workspace {
  public static final String JOB = "docs-nas";
  public static final String AGENT = "test";

  public final Path root;
  public final Path source;
  public final Path nas;
  public final Path data;
  public final Path config;

  public Workspace(Path root) throws IOException {
    this.root = root;
    this.source = Files.createDirectories(root.resolve("source"));
    this.nas = Files.createDirectories(root.resolve("nas"));
    this.data = root.resolve("data");
    this.config = root.resolve("continuo.yaml");
    writeConfig("", "");
  }

  private String extraTargets = "";
  private String jobTargets = "target: nas";

  /**
   * Adds targets to the configuration ({@code extraTargets}: YAML entries under {@code targets:},
   * one per line, e.g. {@code cloud: { type: s3, ... }}) and makes the job use {@code names}, in
   * that order ({@code nas} is the workspace's own). Rewrites the configuration.
   */
  public void useTargets(String extraTargets, String... names) throws IOException {
    this.extraTargets = extraTargets;
    this.jobTargets = "targets: [" + String.join(", ", names) + "]";
    writeConfig("", "");
  }

  /** Rewrites the configuration; {@code sourceExtra} and {@code jobExtra} are extra YAML lines. */
  public void writeConfig(String sourceExtra, String jobExtra) throws IOException {
    Files.writeString(
        config,
        "agent:\n"
            + "  name: "
            + AGENT
            + "\n"
            + "  dataDir: "
            + data
            + "\n"
            + "  timezone: Europe/Rome\n"
            + "sources:\n"
            + "  docs:\n"
            + "    paths: ["
            + quote(source.toString())
            + "]\n"
            + indent(sourceExtra, "    ")
            + "targets:\n"
            + "  nas: { type: local, path: "
            + quote(nas.toString())
            + " }\n"
            + indent(extraTargets, "  ")
            + "jobs:\n"
            + "  "
            + JOB
            + ":\n"
            + "    source: docs\n"
            + "    "
            + jobTargets
            + "\n"
            + "    full: \"0 0 22 ? * SUN\"\n"
            + "    incremental: \"0 0 22 ? * MON-SAT\"\n"
            + indent(jobExtra, "    "));
  }

  private static String indent(String yaml, String prefix) {
    if (yaml.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String line : yaml.split("\n")) {
      b.append(prefix).append(line).append('\n');
    }
    return b.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The job's directory on the NAS, where its runs are. */
  public Path jobDir() {
    return nas.resolve(AGENT).resolve(JOB);
  }

  /** Runs the CLI in this JVM with {@code -c} this workspace's configuration. */
  public CliResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of("-c", config.toString()));
    all.addAll(List.of(args));
    return inProcess(all.toArray(String[]::new));
  }

  /** Runs the CLI in this JVM with exactly these arguments. */
  public static CliResult inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliResult(code, out.toString(), err.toString());
  }

  /** A real {@code java} process running the CLI with this configuration (not yet waited for). */
  public ProcessBuilder process(String... args) {
    List<String> command = new ArrayList<>(javaCommand());
    command.add("-c");
    command.add(config.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("LC_ALL", "C.UTF-8");
    return pb;
  }

  /** {@code java -cp <this test's class path> it.continuo.cli.Main}. */
  public static List<String> javaCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ArrayList<>(
        List.of(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "it.continuo.cli.Main"));
  }

  /** Runs a real process to its end and collects its output. */
  public static CliResult run(ProcessBuilder pb, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "process did not finish in " + timeoutSeconds + " s: " + pb.command());
      }
      return new CliResult(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The run ids on the NAS, from the manifests present, oldest first. */
  public List<String> committedRuns() throws IOException {
    List<String> runs = new ArrayList<>();
    if (!Files.isDirectory(jobDir())) {
      return runs;
    }
    try (var files = Files.list(jobDir())) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".manifest.jsonl.zst"))
          .map(n -> n.substring(0, n.length() - ".manifest.jsonl.zst".length()))
          .sorted()
          .forEach(runs::add);
    }
    return runs;
  }
}

package it.continuo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shell commands run by tests (GNU tar, zstd, mkfifo, mount) and the privileges they run with. */
public final class Shell {
  private Shell() {}

  /** Runs {@code bash -c script} to its end. */
  public static CliResult bash(String script, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("LC_ALL", "C.UTF-8");
    return Workspace.run(pb, timeoutSeconds);
  }

  /** Runs {@code bash -c script} and fails the test unless it exits 0. */
  public static CliResult bashOk(String script, long timeoutSeconds)
      throws IOException, InterruptedException {
    CliResult r = bash(script, timeoutSeconds);
    if (r.exitCode() != 0) {
      throw new AssertionError("command failed: " + script + "\n" + r);
    }
    return r;
  }

  /** Single-quotes a word for bash. */
  public static String quote(Object word) {
    return "'" + word.toString().replace("'", "'\\''") + "'";
  }

  /** Whether this JVM runs as uid 0. */
  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      // not Linux: fall through
    }
    return "root".equals(System.getProperty("user.name"));
  }

  /** True when running in CI, where a missing prerequisite is a failure, never a skip. */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  /**
   * The same command, run so that file permissions bind: as root, through {@code setpriv} without
   * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so that a file with mode 000 cannot be read; as
   * another user the permissions bind already.
   */
  public static ProcessBuilder withoutDacOverride(ProcessBuilder pb) {
    if (!isRoot()) {
      return pb;
    }
    List<String> command = new ArrayList<>();
    command.add("setpriv");
    command.add("--bounding-set");
    command.add("-dac_override,-dac_read_search");
    command.addAll(pb.command());
    pb.command(command);
    return pb;
  }
}

package it.continuo.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code continuo run} as a real process of a test, its log in a file, with signals sent by {@code
 * kill}. Fire times are on time within {@link #ON_TIME_MS}, so that a test can make nights of a few
 * seconds.
 */
final class DaemonProcess implements AutoCloseable {
  static final long ON_TIME_MS = 1000;

  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the daemon on {@code config}, logging to {@code log} (appended). */
  static DaemonProcess start(Path config, Path log) throws IOException {
    return start(config, log, java.util.Map.of(), null);
  }

  /**
   * Starts the daemon on {@code config} with {@code env} added to its environment, in {@code
   * workDir} (null: the test's), logging to {@code log} (appended).
   */
  static DaemonProcess start(Path config, Path log, java.util.Map<String, String> env, Path workDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-Dcontinuo.schedule.onTime=" + ON_TIME_MS,
            "-cp",
            System.getProperty("java.class.path"),
            "it.continuo.cli.Main",
            "-c",
            config.toString(),
            "run"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.environment().put("LC_ALL", "C.UTF-8");
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().remove("JOURNAL_STREAM");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new DaemonProcess(pb.start(), log);
  }

  /** Wraps a daemon started some other way (e.g. through {@code scripts/continuo}). */
  static DaemonProcess of(Process process, Path log) {
    return new DaemonProcess(process, log);
  }

  long pid() {
    return process.pid();
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until the log has {@code count} lines matching {@code regex}; returns the last one. */
  String await(String regex, int count, Duration limit) throws Exception {
    Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String text = log();
      Matcher m = p.matcher(text);
      int found = 0;
      String last = null;
      while (m.find()) {
        found++;
        last = m.group();
      }
      if (found >= count) {
        return last;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the daemon exited ("
                + process.exitValue()
                + ") before logging /"
                + regex
                + "/:\n"
                + text);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no "
                + count
                + " lines /"
                + regex
                + "/ within "
                + limit
                + " in the daemon's log:\n"
                + text);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  String await(String regex, Duration limit) throws Exception {
    return await(regex, 1, limit);
  }

  void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Waits for the process to end; returns its exit code. */
  int awaitExit(Duration limit) throws Exception {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the daemon did not exit within " + limit + ":\n" + log());
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

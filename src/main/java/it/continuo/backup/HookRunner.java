package it.continuo.backup;

import it.continuo.progress.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs hook commands with {@code /bin/sh -c}, their output passed on line by line. */
final class HookRunner {
  private HookRunner() {}

  /**
   * Runs one command to its end.
   *
   * @throws HookFailedException when it exits non-zero, cannot start or exceeds the timeout
   */
  static void run(
      String stage, String command, Map<String, String> env, Duration timeout, Listener out)
      throws HookFailedException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HookFailedException(stage + " hook could not start: " + e.getMessage());
    }
    try {
      p.getOutputStream().close(); // hooks get no input
    } catch (IOException e) {
      // already gone
    }
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  out.note(stage + " hook: " + line);
                }
              } catch (IOException e) {
                // the process went away; its exit status tells
              }
            },
            "hook-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new HookFailedException(
            stage
                + " hook \""
                + command
                + "\" did not finish within "
                + timeout.toSeconds()
                + " s");
      }
      reader.join(1000);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HookFailedException(stage + " hook \"" + command + "\" interrupted");
    }
    if (p.exitValue() != 0) {
      throw new HookFailedException(
          stage + " hook \"" + command + "\" failed with exit code " + p.exitValue());
    }
  }

  /** A hook that did not succeed. */
  static final class HookFailedException extends Exception {
    HookFailedException(String message) {
      super(message);
    }
  }
}

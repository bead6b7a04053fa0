package it.continuo.alert.channel;

import it.continuo.alert.Alert;
import it.continuo.alert.AlertException;
import it.continuo.alert.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program for each alert: the alert in variables {@code CONTINUO_ALERT_AGENT}, {@code
 * _INCIDENT}, {@code _CHECK}, {@code _SUBJECT}, {@code _SEVERITY}, {@code _STATE}, {@code
 * _MESSAGE}, {@code _TITLE}, {@code _FIRST_SEEN}, {@code _AT}, and as one JSON object on stdin. Its
 * output (both streams) goes to a temporary file whose end is quoted when it fails. A non-zero exit
 * or running past the timeout (it is then killed) is a failure.
 */
public final class CommandChannel implements Channel {
  private static final int MAX_OUTPUT = 500;

  private final String name;
  private final List<String> command;
  private final Duration timeout;

  /**
   * @param name the channel's name
   * @param command the argv, run without a shell
   * @param timeout how long it may run
   */
  public CommandChannel(String name, List<String> command, Duration timeout) {
    this.name = name;
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws AlertException {
    Path output = null;
    Process process = null;
    try {
      output = Files.createTempFile("continuo-alert-", ".out");
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectErrorStream(true).redirectOutput(output.toFile());
      Map<String, String> env = pb.environment();
      for (Map.Entry<String, String> f : AlertJson.fields(alert).entrySet()) {
        env.put("CONTINUO_ALERT_" + variable(f.getKey()), f.getValue());
      }
      process = pb.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(AlertJson.of(alert).getBytes(StandardCharsets.UTF_8));
        in.write('\n');
      } catch (IOException e) {
        // it exited without reading its input: its exit code says whether that was fine
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AlertException(
            "channel "
                + name
                + ": "
                + command.get(0)
                + " still ran after "
                + timeout.toSeconds()
                + " s and was killed"
                + tail(output));
      }
      int exit = process.exitValue();
      if (exit != 0) {
        throw new AlertException(
            "channel " + name + ": " + command.get(0) + " exited with " + exit + tail(output));
      }
    } catch (IOException e) {
      if (e instanceof AlertException a) {
        throw a;
      }
      throw new AlertException(
          "channel " + name + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AlertException("channel " + name + ": interrupted while running", e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // a temporary file left behind is no reason to fail the alert
        }
      }
    }
  }

  /** firstSeen → FIRST_SEEN. */
  private static String variable(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static String tail(Path output) {
    try {
      String text = Files.readString(output, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return "";
      }
      if (text.length() > MAX_OUTPUT) {
        text = "…" + text.substring(text.length() - MAX_OUTPUT);
      }
      return ": " + text.replaceAll("\\s*\\R\\s*", " / ");
    } catch (IOException e) {
      return "";
    }
  }
}

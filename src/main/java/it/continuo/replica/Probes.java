package it.continuo.replica;

import it.continuo.config.ReplicaConfig.Probe;
import it.continuo.ssh.ExecResult;
import it.continuo.ssh.SshConnection;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs lag probes: a command (by {@code sh -c} here, by the login shell on its host) whose standard
 * output is a number of seconds, decimals allowed. Anything else (an exit status other than 0, a
 * timeout, text that is not a non-negative number) is a failed probe, and the check is unknown.
 */
final class Probes {
  private static final int MAX_OUTPUT = 4096;

  private Probes() {}

  static ProbeResult run(Probe probe) {
    String output;
    try {
      output = probe.host() == null ? local(probe) : remote(probe);
    } catch (IOException e) {
      return new ProbeResult(probe.name(), null, e.getMessage());
    }
    try {
      return new ProbeResult(probe.name(), parse(output), null);
    } catch (IllegalArgumentException e) {
      return new ProbeResult(probe.name(), null, e.getMessage());
    }
  }

  /** {@code 42}, {@code 0.25}, {@code 42\n} as a duration; anything else is refused. */
  static Duration parse(String output) {
    String text = output.strip();
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "printed \"" + abbreviate(text) + "\", not a number of seconds");
    }
    if (seconds.signum() < 0) {
      throw new IllegalArgumentException("printed a negative lag: " + text);
    }
    BigDecimal nanos = seconds.movePointRight(9);
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("printed a lag too large: " + abbreviate(text));
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 80 ? one.substring(0, 80) + "…" : one;
  }

  private static String local(Probe probe) throws IOException {
    LocalShell shell = new LocalShell();
    try (InputStream out = shell.run(probe.command(), null, probe.timeout())) {
      byte[] bytes = out.readNBytes(MAX_OUTPUT);
      out.transferTo(java.io.OutputStream.nullOutputStream());
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("probe " + probe.name() + " failed: " + e.getMessage(), e);
    } finally {
      shell.close();
    }
  }

  private static String remote(Probe probe) throws IOException {
    try (SshConnection c = SshConnection.open(probe.host().endpoint())) {
      ExecResult r = c.exec(probe.command(), probe.timeout());
      if (!r.succeeded()) {
        throw new IOException(
            "exit status "
                + r.exitCode()
                + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
      }
      return r.stdout();
    } catch (IOException e) {
      throw new IOException(
          "probe " + probe.name() + " on " + probe.host().name() + " failed: " + e.getMessage(), e);
    }
  }
}

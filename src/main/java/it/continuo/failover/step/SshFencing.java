package it.continuo.failover.step;

import it.continuo.config.HostConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import it.continuo.ssh.ExecResult;
import it.continuo.ssh.SshException;
import java.time.Duration;
import java.util.List;

/**
 * Fences by running the administrator's command on the old primary over SSH; exit 0 is success. A
 * primary that cannot be reached is a failure of this method (the chain goes on), not a success.
 */
final class SshFencing implements Fencing {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final HostConfig host;
  private final String run;

  SshFencing(StepConfig.FenceSsh config) {
    this.host = config.host();
    this.run = config.run();
  }

  @Override
  public String describe() {
    return "ssh " + host.name() + " `" + run + "`";
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    return List.of(
        Change.change(
            "would run `"
                + run
                + "` on "
                + host.name()
                + " as "
                + host.user()
                + " (exit 0: fenced)"),
        Change.note(host.name() + " " + TcpProbe.now(host.address(), host.port(), PROBE_TIMEOUT)));
  }

  @Override
  public void fence(StepContext context) throws FencingFailed, InterruptedException {
    ExecResult result;
    try {
      result = context.ssh(host).exec(run, context.remaining());
    } catch (SshException e) {
      context.forget(host);
      if (Thread.interrupted()) {
        throw new InterruptedException(describe() + " interrupted");
      }
      throw new FencingFailed(describe() + ": " + e.getMessage(), e.isTransient());
    }
    if (!result.succeeded()) {
      String output = firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
      throw new FencingFailed(
          describe() + " exited " + result.exitCode() + (output.isEmpty() ? "" : ": " + output),
          false);
    }
  }

  /** The first non-blank line of a command's output, cut for a one-line message. */
  static String firstLine(String output) {
    String line =
        output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}

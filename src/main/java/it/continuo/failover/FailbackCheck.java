package it.continuo.failover;

import it.continuo.config.ReplicaConfig;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.replica.Difference;
import it.continuo.replica.ReplicaResult;
import it.continuo.replica.ReplicaState;
import it.continuo.ssh.ExecResult;
import it.continuo.ssh.SshException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * What must hold before failing back: the primary answers, and what was written on the secondary
 * meanwhile is back on the primary (each replica the runbook checks, compared the other way round,
 * quick, must be in sync).
 */
final class FailbackCheck {
  private static final Duration PRIMARY_TIMEOUT = Duration.ofSeconds(15);
  private static final int LISTED = 10;

  private final RunbookConfig runbook;
  private final ReplicaGate gate;
  private final Timeline timeline;

  FailbackCheck(RunbookConfig runbook, ReplicaGate gate, Timeline timeline) {
    this.runbook = runbook;
    this.gate = gate;
    this.timeline = timeline;
  }

  /** Why failing back must wait, or null when it may go on. */
  String refusal(StepContext context) throws InterruptedException {
    try {
      ExecResult r = context.ssh(runbook.primary()).exec("true", PRIMARY_TIMEOUT);
      if (!r.succeeded()) {
        return "the primary "
            + runbook.primary().name()
            + " answers over SSH but cannot run a command (exit "
            + r.exitCode()
            + ")";
      }
      timeline.note("the primary " + runbook.primary().name() + " answers over SSH");
    } catch (SshException e) {
      return "the primary " + runbook.primary().name() + " does not answer: " + e.getMessage();
    }
    for (StepConfig step : runbook.steps()) {
      if (step.action() instanceof StepConfig.CheckReplica c) {
        String why = reverse(c.replica());
        if (why != null) {
          return why;
        }
      }
    }
    return null;
  }

  private String reverse(ReplicaConfig replica) throws InterruptedException {
    if (gate == null) {
      return "no replica checker is available to confirm that the data written on the secondary"
          + " is back on the primary";
    }
    ReplicaResult r = gate.check(ReplicaGate.reversed(replica), true, null);
    if (r.state() == ReplicaState.IN_SYNC) {
      timeline.note("replica " + replica.name() + " checked back: the primary has every change");
      return null;
    }
    if (r.state() == ReplicaState.UNKNOWN) {
      return "cannot tell whether the primary has the data written on the secondary: " + r.reason();
    }
    String listed =
        r.differences().stream()
            .limit(LISTED)
            .map(Difference::toString)
            .collect(Collectors.joining(", "));
    return "the data written on the secondary has not all gone back to the primary ("
        + r.summary()
        + (listed.isEmpty() ? "" : "; e.g. " + listed)
        + "): synchronise "
        + replica.secondary().describe(0)
        + " to "
        + replica.primary().describe(0)
        + " first";
  }
}

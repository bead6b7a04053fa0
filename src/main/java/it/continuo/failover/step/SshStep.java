package it.continuo.failover.step;

import it.continuo.config.HostConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.ssh.ExecResult;
import it.continuo.ssh.SshException;
import java.util.List;

/**
 * {@code ssh}: the administrator's command on a host, its exit status and output recorded (the
 * output's end, cut); a non-zero exit is a failure, which retries may try again. The undo is the
 * step's explicit {@code undo: {host, run}}.
 */
final class SshStep implements Step {
  private final StepConfig.Ssh action;
  private final StepConfig.Ssh undo;

  SshStep(StepConfig config) {
    this.action = (StepConfig.Ssh) config.action();
    this.undo = (StepConfig.Ssh) config.undo();
  }

  @Override
  public String kind() {
    return "ssh";
  }

  @Override
  public String describe() {
    return describe(action);
  }

  @Override
  public String describeUndo() {
    return describe(undo);
  }

  private static String describe(StepConfig.Ssh a) {
    return "ssh " + a.host().name() + " (" + a.host().endpoint() + "): " + a.run();
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    return List.of(reachable(context, action.host(), "would run: " + action.run()));
  }

  static Change reachable(StepContext context, HostConfig host, String then) {
    try {
      context.ssh(host);
      return Change.change(host.name() + " answers over SSH; " + then);
    } catch (SshException e) {
      return Change.refusal(host.name() + " cannot be reached over SSH: " + e.getMessage());
    }
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    return exec(context, action);
  }

  @Override
  public boolean undoable() {
    return undo != null;
  }

  @Override
  public StepOutcome undo(StepContext context) throws StepException, InterruptedException {
    return exec(context, undo);
  }

  static StepOutcome exec(StepContext context, StepConfig.Ssh a)
      throws StepException, InterruptedException {
    ExecResult r;
    try {
      r = context.ssh(a.host()).exec(a.run(), context.remaining());
    } catch (SshException e) {
      context.forget(a.host());
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("ssh " + a.host().name() + " interrupted");
      }
      throw new StepException("ssh " + a.host().name() + ": " + e.getMessage(), e.isTransient(), e);
    }
    String out = Words.tail(r.stdout());
    String err = Words.tail(r.stderr());
    if (!r.succeeded()) {
      throw new StepException(
          "ssh "
              + a.host().name()
              + ": the command exited with status "
              + r.exitCode()
              + (err.isEmpty() ? "" : ": " + err)
              + (out.isEmpty() || !err.isEmpty() ? "" : ": " + out),
          true);
    }
    StepOutcome outcome = StepOutcome.of("exit " + r.exitCode());
    if (!out.isEmpty()) {
      outcome = outcome.and("stdout: " + out);
    }
    if (!err.isEmpty()) {
      outcome = outcome.and("stderr: " + err);
    }
    return outcome.with(StepOutcome.EXIT_CODE, Integer.toString(r.exitCode()));
  }
}

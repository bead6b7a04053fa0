package it.continuo.failover.step;

import it.continuo.alert.Alert;
import it.continuo.alert.AlertException;
import it.continuo.alert.AlertState;
import it.continuo.alert.Channel;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Mode;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.health.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code notify}: a message through the alert channels (all of them when the step names none). A
 * channel that cannot deliver is recorded; it fails the step only when {@code required: true}.
 */
final class NotifyStep extends OneWayStep {
  private final StepConfig.Notify action;

  NotifyStep(StepConfig.Notify action) {
    this.action = action;
  }

  @Override
  public String kind() {
    return "notify";
  }

  @Override
  public String describe() {
    return "notify "
        + (action.channels().isEmpty() ? "every channel" : String.join(", ", action.channels()))
        + ": "
        + action.message()
        + (action.required() ? " (required)" : "");
  }

  @Override
  public List<Change> plan(StepContext context) {
    List<String> names = names(context);
    if (names.isEmpty()) {
      return List.of(Change.note("no alert channel is configured: nothing would be sent"));
    }
    return List.of(Change.change("would send to " + String.join(", ", names)));
  }

  private List<String> names(StepContext context) {
    return action.channels().isEmpty()
        ? List.copyOf(context.channels().keySet())
        : action.channels();
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException {
    Instant now = context.now();
    String prefix = context.mode() == Mode.DRILL ? "[drill] " : "";
    Alert alert =
        new Alert(
            context.agent(),
            "failover:" + context.runbook().name(),
            "failover",
            context.service().name(),
            context.mode() == Mode.DRILL ? Severity.INFO : Severity.CRITICAL,
            prefix + action.message(),
            now,
            AlertState.OPENED,
            now);
    List<String> sent = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String name : names(context)) {
      Channel channel = context.channels().get(name);
      if (channel == null) {
        failed.add(name + ": not available to this run");
        continue;
      }
      try {
        channel.send(alert);
        sent.add(name);
      } catch (AlertException e) {
        failed.add(name + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty() && action.required()) {
      throw new StepException("the notification was not sent: " + String.join("; ", failed), true);
    }
    StepOutcome outcome =
        StepOutcome.of(
            sent.isEmpty() ? "sent to no channel" : "sent to " + String.join(", ", sent));
    for (String f : failed) {
      outcome = outcome.and("not sent to " + f);
    }
    return failed.isEmpty() ? outcome : outcome.with(StepOutcome.NOT_SENT, "true");
  }
}

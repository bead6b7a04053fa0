package it.continuo.alert;

import it.continuo.config.AlertsConfig;
import it.continuo.health.Finding;
import it.continuo.health.Severity;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import it.continuo.history.Incident;
import it.continuo.history.Incident.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each sample's findings into incidents, escalates them and delivers the alerts. Everything
 * it knows is in the history, read again at each update, so a restarted daemon (or an {@code ack}
 * from another process) is taken as it is. See the package documentation for the rules.
 */
public final class Incidents {
  private static final Logger log = LoggerFactory.getLogger(Incidents.class);

  private final History history;
  private final Map<String, Channel> channels;
  private final List<AlertsConfig.Rule> escalation;
  private final Severity minSeverity;
  private final String agent;

  /**
   * @param history where incidents and their messages are kept
   * @param channels the channels by name
   * @param config the escalation rules and the least severity that opens an incident (below WARN is
   *     taken as WARN)
   * @param agent the agent's name, in every alert
   */
  public Incidents(
      History history, Map<String, Channel> channels, AlertsConfig config, String agent) {
    this.history = history;
    this.channels = Map.copyOf(channels);
    this.escalation = List.copyOf(config.escalation());
    this.minSeverity = config.minSeverity().worst(Severity.WARN);
    this.agent = agent;
  }

  /**
   * Takes the findings of one health sample: opens, worsens and resolves incidents, fires the
   * escalation rules that are due, then delivers every message still to deliver (those that failed
   * before included).
   *
   * @param findings every finding of the sample, whatever its severity
   * @throws HistoryException when the history cannot be read or written (nothing is sent then)
   */
  public Deliveries update(List<Finding> findings, Instant now) throws HistoryException {
    return update(check -> !OWN_WATCHERS.contains(check), findings, now);
  }

  /**
   * The checks whose findings come from a watcher of their own ({@link #update(Predicate, List,
   * Instant)}), not from the health sample: the replica checks and the watch on the primary server.
   */
  public static final Set<String> OWN_WATCHERS = Set.of("replica", "heartbeat");

  /**
   * Takes the findings of one watcher: as {@link #update(List, Instant)}, but only the open
   * incidents of the checks {@code scope} accepts are resolved when their finding is absent.
   *
   * @param scope the checks this watcher makes, e.g. {@code "replica"::equals}
   */
  public synchronized Deliveries update(
      Predicate<String> scope, List<Finding> findings, Instant now) throws HistoryException {
    Map<String, Finding> current = worstByKey(findings);
    Map<String, Incident> open = new LinkedHashMap<>();
    for (Incident i : history.openIncidents()) {
      if (scope.test(i.check())) {
        open.put(i.key(), i);
      }
    }
    for (Finding f : current.values()) {
      Incident i = open.get(f.key());
      if (i == null) {
        history.openIncident(f.key(), f.check(), f.subject(), f.severity(), f.message(), now);
      } else {
        seen(i, f, now);
      }
    }
    for (Incident i : open.values()) {
      if (!current.containsKey(i.key())) {
        resolve(i, now);
      }
    }
    for (Incident i : history.openIncidents()) {
      escalate(i, now);
    }
    return deliver(now);
  }

  private Map<String, Finding> worstByKey(List<Finding> findings) {
    Map<String, Finding> worst = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (f.severity().atLeast(minSeverity)) {
        worst.merge(f.key(), f, (a, b) -> b.severity().ordinal() > a.severity().ordinal() ? b : a);
      }
    }
    return worst;
  }

  /** Seen again: worse than alerted tells everyone alerted so far once more. */
  private void seen(Incident i, Finding f, Instant now) throws HistoryException {
    Severity alerted = i.alertedSeverity();
    if (f.severity().ordinal() > alerted.ordinal()) {
      for (String channel : told(i, false)) {
        history.notificationDue(
            i.id(), channel, -1, AlertState.STILL_OPEN.word(), f.severity(), now);
      }
      alerted = f.severity();
    }
    history.incidentSeen(i.id(), f.severity(), alerted, f.message(), now);
  }

  /** Gone or below the alerting severity: a recovery to every channel an alert reached. */
  private void resolve(Incident i, Instant now) throws HistoryException {
    history.resolveIncident(i.id(), now);
    for (String channel : told(i, true)) {
      history.notificationDue(i.id(), channel, -1, AlertState.RESOLVED.word(), i.severity(), now);
    }
    log.info("incident {} resolved", i.key());
  }

  /** The channels of the incident's messages: delivered only, or also still pending. */
  private static Set<String> told(Incident i, boolean deliveredOnly) {
    Set<String> told = new LinkedHashSet<>();
    for (Notification n : i.notifications()) {
      if (deliveredOnly ? n.sent() != null : !n.givenUp()) {
        told.add(n.channel());
      }
    }
    return told;
  }

  /** Fires each rule not yet fired whose delay has passed, unless someone acknowledged. */
  private void escalate(Incident i, Instant now) throws HistoryException {
    if (i.ack() != null) {
      return;
    }
    Set<Integer> fired = new HashSet<>();
    for (Notification n : i.notifications()) {
      fired.add(n.rule());
    }
    for (int r = 0; r < escalation.size(); r++) {
      AlertsConfig.Rule rule = escalation.get(r);
      if (fired.contains(r) || now.isBefore(i.opened().plus(rule.after()))) {
        continue;
      }
      AlertState state = rule.after().isZero() ? AlertState.OPENED : AlertState.ESCALATED;
      for (String channel : rule.to()) {
        history.notificationDue(i.id(), channel, r, state.word(), i.severity(), now);
      }
      if (state == AlertState.ESCALATED) {
        log.warn("incident {} escalated to {}", i.key(), String.join(", ", rule.to()));
      }
    }
  }

  /**
   * Delivers every pending message, oldest first. A channel that fails is not tried again in this
   * update (its other messages wait for the next), and does not hold up the other channels.
   */
  private Deliveries deliver(Instant now) throws HistoryException {
    List<Alert> sent = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Set<String> failing = new HashSet<>();
    for (Incident i : history.incidentsToNotify()) {
      for (Notification n : i.notifications()) {
        if (!n.pending() || failing.contains(n.channel())) {
          continue;
        }
        Channel channel = channels.get(n.channel());
        if (channel == null) {
          String why = "no channel " + n.channel() + " in alerts.channels any more";
          history.notificationFailed(n.id(), why, true);
          failures.add(why);
          continue;
        }
        Alert alert = alert(i, n, now);
        try {
          channel.send(alert);
          history.notificationSent(n.id(), now);
          sent.add(alert);
        } catch (AlertException | RuntimeException e) {
          String why = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
          log.warn(
              "alert about incident {} ({}) not delivered, tried again at the next update: {}",
              i.key(),
              n.state(),
              why);
          history.notificationFailed(n.id(), why, false);
          failing.add(n.channel());
          failures.add(why);
        }
      }
    }
    return new Deliveries(List.copyOf(sent), List.copyOf(failures));
  }

  private Alert alert(Incident i, Notification n, Instant now) {
    return new Alert(
        agent,
        i.key(),
        i.check(),
        i.subject(),
        n.severity(),
        i.message(),
        i.opened(),
        AlertState.of(n.state()),
        now);
  }
}

package it.continuo.health.ups;

import it.continuo.health.Finding;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.ups.UpsEvent.Kind;
import it.continuo.health.ups.UpsStatus.Power;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches one UPS with upsmon's semantics. Whoever drives it calls {@link #poll()} every poll
 * interval (a {@link UpsPoller} thread in the daemon, the test itself in tests); each poll reads
 * the UPS once, sends an {@link UpsEvent} when the state changed, and updates the current finding
 * and readings.
 *
 * <ul>
 *   <li>Fresh data: the power state follows {@code ups.status}; OB with LB, or FSD, is critical.
 *   <li>upsd answers DATA-STALE or DRIVER-NOT-CONNECTED: "UPS data stale", WARN at once.
 *   <li>No answer at all: nothing for the dead time (a lost poll is not an outage), then "UPS
 *       unreachable", WARN.
 *   <li>Silent or stale for the dead time while last seen on battery: CRITICAL, as upsmon treats a
 *       dead UPS that was on battery (it may be about to stop).
 * </ul>
 *
 * <p>Not thread-safe for polling (one driver); the findings and readings may be read from any
 * thread.
 */
public final class UpsMonitor {
  /** upsmon's POLLFREQ. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  /** upsmon's DEADTIME. */
  public static final Duration DEFAULT_DEAD_TIME = Duration.ofSeconds(15);

  private enum Link {
    NEVER,
    OK,
    STALE,
    DEAD
  }

  private final String name;
  private final UpsSource source;
  private final Duration deadTime;
  private final Clock clock;
  private final Consumer<UpsEvent> listener;

  private Link link = Link.NEVER;
  private Power power = Power.UNKNOWN;
  private volatile UpsStatus last;
  private Instant lastContact;
  private Instant staleSince;
  private volatile Finding finding;
  private volatile List<Reading> readings = List.of();

  /**
   * @param name the UPS's name in the configuration: the finding's subject and the events' UPS
   * @param source where it reads the UPS
   * @param deadTime how long the UPS may go unanswered before it is declared unreachable
   * @param clock the time of events, and of the dead time
   * @param listener receives each event, on the polling thread; it should not block
   */
  public UpsMonitor(
      String name, UpsSource source, Duration deadTime, Clock clock, Consumer<UpsEvent> listener) {
    this.name = name;
    this.source = source;
    this.deadTime = deadTime;
    this.clock = clock;
    this.listener = listener;
    this.finding = finding(Severity.INFO, "not polled yet");
  }

  /** The UPS's name. */
  public String name() {
    return name;
  }

  /** Reads the UPS once and updates the state; never throws for what the UPS or server do. */
  public void poll() {
    Instant now = clock.instant();
    if (lastContact == null) {
      lastContact = now; // the dead time counts from the first poll
    }
    try {
      fresh(source.read(), now);
    } catch (NutErrorException e) {
      if (e.stale()) {
        stale(e, now);
      } else {
        silent(e, now);
      }
    } catch (NutException e) {
      silent(e, now);
    }
  }

  /** What the monitor thinks of the UPS now: check "ups", subject the UPS's name. */
  public Finding finding() {
    return finding;
  }

  /** The figures of the last fresh data; empty while the data is stale or the UPS unreachable. */
  public List<Reading> readings() {
    return readings;
  }

  /** The last fresh status, if any. */
  public Optional<UpsStatus> lastStatus() {
    return Optional.ofNullable(last);
  }

  private void fresh(UpsStatus status, Instant now) {
    lastContact = now;
    staleSince = null;
    last = status;
    if (link == Link.STALE || link == Link.DEAD) {
      emit(Kind.COMMUNICATION_RESTORED, Severity.OK, now, "fresh data again from " + where());
    }
    link = Link.OK;
    Power current = status.power();
    if (current != Power.UNKNOWN && current != power) {
      Kind kind = kind(current, power);
      emit(kind, severity(current), now, describe(kind) + " (" + state(status) + ")");
      power = current;
    }
    finding = assess(status);
    readings = readings(status);
  }

  private void stale(NutErrorException e, Instant now) {
    lastContact = now;
    readings = List.of();
    if (staleSince == null) {
      staleSince = now;
    }
    boolean deadOnBattery = power.onBattery() && elapsed(staleSince, now);
    if (link != Link.STALE && link != Link.DEAD) {
      link = Link.STALE;
      emit(Kind.STALE, Severity.WARN, now, "UPS data stale: " + e.getMessage());
    }
    if (deadOnBattery && link != Link.DEAD) {
      link = Link.DEAD;
      emit(
          Kind.UNREACHABLE,
          Severity.CRITICAL,
          now,
          "UPS data stale for " + seconds(staleSince, now) + " while on battery: treated as dead");
    }
    finding =
        deadOnBattery
            ? finding(
                Severity.CRITICAL,
                "UPS data stale for "
                    + seconds(staleSince, now)
                    + " while last seen on battery ("
                    + state(last)
                    + "): treated as dead; "
                    + e.getMessage())
            : finding(Severity.WARN, "UPS data stale: " + e.getMessage());
  }

  private void silent(NutException e, Instant now) {
    if (!elapsed(lastContact, now)) {
      if (link == Link.NEVER) {
        finding = finding(Severity.INFO, "not reached yet: " + e.getMessage());
      }
      return; // a lost poll is not an outage yet
    }
    readings = List.of();
    Severity severity = power.onBattery() ? Severity.CRITICAL : Severity.WARN;
    String message =
        "UPS unreachable: no answer from "
            + where()
            + " for "
            + seconds(lastContact, now)
            + (power.onBattery() ? " while last seen on battery (" + state(last) + ")" : "")
            + ": "
            + e.getMessage();
    if (link != Link.DEAD) {
      link = Link.DEAD;
      emit(Kind.UNREACHABLE, severity, now, message);
    }
    finding = finding(severity, message);
  }

  private boolean elapsed(Instant since, Instant now) {
    return Duration.between(since, now).compareTo(deadTime) >= 0;
  }

  private static Kind kind(Power now, Power before) {
    return switch (now) {
      case ONLINE -> before == Power.UNKNOWN ? Kind.ONLINE : Kind.BACK_ONLINE;
      case ON_BATTERY -> Kind.ON_BATTERY;
      case LOW_BATTERY -> Kind.LOW_BATTERY;
      case FORCED_SHUTDOWN -> Kind.FORCED_SHUTDOWN;
      case UNKNOWN -> throw new IllegalArgumentException("no event for an unknown state");
    };
  }

  private static Severity severity(Power p) {
    return switch (p) {
      case ONLINE, UNKNOWN -> Severity.OK;
      case ON_BATTERY -> Severity.WARN;
      case LOW_BATTERY, FORCED_SHUTDOWN -> Severity.CRITICAL;
    };
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case ONLINE -> "UPS online";
      case BACK_ONLINE -> "UPS back on line power";
      case ON_BATTERY -> "UPS on battery";
      case LOW_BATTERY -> "UPS on battery with low battery";
      case FORCED_SHUTDOWN -> "UPS forced shutdown (FSD)";
      default -> kind.name();
    };
  }

  /** The finding for fresh data: the power state, then the flags that need a look. */
  private Finding assess(UpsStatus s) {
    Power p = s.power();
    Severity severity = severity(p);
    List<String> notes = new ArrayList<>();
    for (UpsFlag f : List.of(UpsFlag.RB, UpsFlag.OVER, UpsFlag.BYPASS, UpsFlag.OFF)) {
      if (s.has(f)) {
        severity = severity.worst(Severity.WARN);
        notes.add(f.meaning());
      }
    }
    String head =
        p == Power.UNKNOWN
            ? (s.has(UpsFlag.WAIT) ? "UPS status not known yet" : "UPS status unclear")
            : describe(p == Power.ONLINE ? Kind.ONLINE : kind(p, Power.ONLINE));
    if (p == Power.UNKNOWN) {
      severity = severity.worst(s.has(UpsFlag.WAIT) ? Severity.INFO : Severity.WARN);
    }
    return finding(
        severity,
        head + " (" + state(s) + ")" + (notes.isEmpty() ? "" : ": " + String.join(", ", notes)));
  }

  private static String state(UpsStatus s) {
    if (s == null) {
      return "never answered";
    }
    String figures = s.figures();
    return s.statusText() + (figures.isEmpty() ? "" : ", " + figures);
  }

  private List<Reading> readings(UpsStatus s) {
    Map<String, String> labels = Map.of("ups", name);
    List<Reading> r = new ArrayList<>();
    s.batteryCharge()
        .ifPresent(v -> r.add(new Reading("ups_battery_charge_percent", labels, v, "percent")));
    s.batteryRuntimeSeconds()
        .ifPresent(v -> r.add(new Reading("ups_battery_runtime_seconds", labels, v, "seconds")));
    s.loadPercent().ifPresent(v -> r.add(new Reading("ups_load_percent", labels, v, "percent")));
    r.add(new Reading("ups_on_battery", labels, s.has(UpsFlag.OB) ? 1 : 0, ""));
    return List.copyOf(r);
  }

  private Finding finding(Severity severity, String message) {
    return new Finding("ups", name, severity, message);
  }

  private void emit(Kind kind, Severity severity, Instant time, String message) {
    listener.accept(new UpsEvent(name, kind, severity, time, message, last));
  }

  private String where() {
    return source.describe();
  }

  private static String seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds() + " s";
  }
}

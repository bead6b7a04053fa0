package it.continuo.daemon;

import it.continuo.config.PowerConfig;
import it.continuo.config.UpsConfig;
import it.continuo.health.ups.UpsEvent;
import it.continuo.history.History;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does when the power goes, as each UPS's {@code onBattery} and {@code
 * onLowBattery} say: on battery, scheduled backups wait and, when the UPS reports enough runtime,
 * the last-chance incrementals run at once; on low battery or a forced shutdown, running backups
 * are stopped cleanly (they leave nothing listed) and the shutdown commands run in order, as they
 * do when a UPS last seen on battery stops answering (upsmon's rule); when the power is back, the
 * backups that waited run. Every step is recorded in the history (kind {@code power}) with its
 * time.
 */
final class PowerActions {
  private static final Logger log = LoggerFactory.getLogger(PowerActions.class);

  private final Supplier<Map<String, UpsConfig>> upses;
  private final Dispatcher dispatcher;
  private final History history;
  private final Clock clock;
  private boolean onBatteryDone;
  private boolean shutDown;

  PowerActions(
      Supplier<Map<String, UpsConfig>> upses, Dispatcher dispatcher, History history, Clock clock) {
    this.upses = upses;
    this.dispatcher = dispatcher;
    this.history = history;
    this.clock = clock;
  }

  /** Acts on one UPS event; called on the UPS's polling thread. */
  synchronized void on(UpsEvent event) {
    UpsConfig ups = upses.get().get(event.ups());
    if (ups == null) {
      return;
    }
    PowerConfig power = ups.power();
    switch (event.kind()) {
      case ON_BATTERY -> onBattery(event, power);
      case LOW_BATTERY, FORCED_SHUTDOWN -> {
        onBattery(event, power);
        onLowBattery(event, power);
      }
      case UNREACHABLE -> {
        // upsmon's rule: a UPS lost while last seen on battery may be about to die; the monitor
        // makes that event CRITICAL, and only then is it treated as a low battery.
        if (event.severity() == it.continuo.health.Severity.CRITICAL) {
          onLowBattery(event, power);
        }
      }
      case BACK_ONLINE -> {
        onBatteryDone = false;
        // The shutdown sequence may have stopped services without powering the server off: with
        // the power back, backups run again and a later outage acts again.
        shutDown = false;
        record("info", "power back on " + event.ups() + ": postponed backups run now");
        dispatcher.resume();
      }
      default -> {}
    }
  }

  private void onBattery(UpsEvent event, PowerConfig power) {
    if (onBatteryDone) {
      return;
    }
    onBatteryDone = true;
    if (power.postponeBackups()) {
      dispatcher.postpone("UPS " + event.ups() + " is on battery");
      record("warning", "UPS " + event.ups() + " on battery: scheduled backups are postponed");
    }
    if (power.lastChance().isEmpty() || event.kind() != UpsEvent.Kind.ON_BATTERY) {
      return;
    }
    OptionalDouble runtime =
        event.status() == null ? OptionalDouble.empty() : event.status().batteryRuntimeSeconds();
    Duration left = runtime.isPresent() ? Duration.ofSeconds((long) runtime.getAsDouble()) : null;
    if (left == null || left.compareTo(power.minRuntime()) < 0) {
      record(
          "warning",
          "last-chance backup of "
              + String.join(", ", power.lastChance())
              + " not run: the UPS reports "
              + (left == null ? "no runtime" : left.toSeconds() + " s of runtime")
              + ", less than the "
              + power.minRuntime().toSeconds()
              + " s it needs");
      return;
    }
    record(
        "info",
        "last-chance backup of "
            + String.join(", ", power.lastChance())
            + ": the UPS reports "
            + left.toSeconds()
            + " s of runtime");
    Thread t =
        new Thread(
            () -> {
              for (String job : power.lastChance()) {
                dispatcher.lastChance(job, "UPS " + event.ups() + " on battery");
              }
            },
            "last-chance");
    t.setDaemon(true);
    t.start();
  }

  private void onLowBattery(UpsEvent event, PowerConfig power) {
    if (shutDown) {
      return;
    }
    shutDown = true;
    String why = "UPS " + event.ups() + ": " + event.message();
    record("error", why + ": running backups are stopped and the shutdown sequence runs");
    dispatcher.cancelAll(why);
    for (String command : power.shutdown()) {
      run(command, power.shutdownTimeout());
    }
  }

  private void run(String command, Duration timeout) {
    record("warning", "shutdown: " + command);
    try {
      Process p =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close(); // no input
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        record(
            "error", "shutdown command did not end in " + timeout.toSeconds() + " s: " + command);
      } else if (p.exitValue() != 0) {
        record("error", "shutdown command exited " + p.exitValue() + ": " + command);
      }
    } catch (IOException e) {
      record("error", "shutdown command could not start: " + command + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(String severity, String message) {
    if (severity.equals("info")) {
      log.info(message);
    } else if (severity.equals("warning")) {
      log.warn(message);
    } else {
      log.error(message);
    }
    try {
      history.event(clock.instant(), "power", null, severity, message);
    } catch (Exception e) {
      log.warn("cannot record in the history: {}", e.toString());
    }
  }
}

package it.continuo.health.ups;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.ups.UpsEvent.Kind;
import it.continuo.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The UPS monitor, stepped poll by poll on a test clock")
class UpsMonitorTest {
  static final Duration POLL = Duration.ofSeconds(5);

  final TestClock clock = new TestClock(Instant.parse("2026-11-26T02:00:00Z"));
  final List<UpsEvent> events = new ArrayList<>();
  final ScriptedUps ups = new ScriptedUps();
  final UpsMonitor monitor =
      new UpsMonitor("sala", ups, Duration.ofSeconds(15), clock, events::add);

  /** A UPS whose next answer the test sets. */
  static final class ScriptedUps implements UpsSource {
    NutException failure;
    UpsStatus status;

    void status(String flags, int charge, int runtime) {
      failure = null;
      status =
          UpsStatus.of(
              Map.of(
                  "ups.status",
                  flags,
                  "battery.charge",
                  "" + charge,
                  "battery.runtime",
                  "" + runtime,
                  "ups.load",
                  "23"));
    }

    void error(String code) {
      failure = new NutErrorException("127.0.0.1:3493", "sala", "LIST VAR sala", code);
    }

    void silent() {
      failure = new NutException("127.0.0.1:3493", "cannot connect: Connection refused", null);
    }

    @Override
    public UpsStatus read() throws NutException {
      if (failure != null) {
        throw failure;
      }
      return status;
    }

    @Override
    public String describe() {
      return "sala@127.0.0.1:3493";
    }

    @Override
    public void close() {}
  }

  void poll(int times) {
    for (int i = 0; i < times; i++) {
      monitor.poll();
      clock.advance(POLL);
    }
  }

  List<Kind> kinds() {
    return events.stream().map(UpsEvent::kind).toList();
  }

  @Nested
  @DisplayName("follows the power")
  class Power {
    @Test
    @DisplayName("a power cut: one event per transition, not per poll, with the figures")
    void powerCut() {
      ups.status("OL CHRG", 100, 1800);
      poll(3);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.OK);
      ups.status("OB DISCHRG", 80, 1200);
      poll(3);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
      assertThat(monitor.finding().message())
          .contains("on battery", "battery 80%", "runtime 20 min");
      ups.status("OB DISCHRG LB", 9, 100);
      poll(3);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.CRITICAL);
      ups.status("OL CHRG", 10, 120);
      poll(3);
      assertThat(kinds())
          .containsExactly(Kind.ONLINE, Kind.ON_BATTERY, Kind.LOW_BATTERY, Kind.BACK_ONLINE);
      assertThat(events.get(1).severity()).isEqualTo(Severity.WARN);
      assertThat(events.get(1).time()).isEqualTo(Instant.parse("2026-11-26T02:00:15Z"));
      assertThat(events.get(1).status().batteryCharge()).hasValue(80);
      assertThat(events.get(2).severity()).isEqualTo(Severity.CRITICAL);
      assertThat(events.get(3).severity()).isEqualTo(Severity.OK);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.OK);
    }

    @Test
    @DisplayName("FSD is critical, even on line power")
    void fsd() {
      ups.status("OL FSD", 50, 600);
      poll(1);
      assertThat(kinds()).containsExactly(Kind.FORCED_SHUTDOWN);
      assertThat(events.get(0).severity()).isEqualTo(Severity.CRITICAL);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    @DisplayName("WAIT just after the driver started is no event, only INFO")
    void waiting() {
      ups.failure = null;
      ups.status = UpsStatus.of(Map.of("ups.status", "WAIT"));
      poll(2);
      assertThat(events).isEmpty();
      assertThat(monitor.finding().severity()).isEqualTo(Severity.INFO);
      ups.status("OL", 100, 1800);
      poll(1);
      assertThat(kinds()).containsExactly(Kind.ONLINE);
    }

    @Test
    @DisplayName("a battery to replace or an overload is a WARN while on line power")
    void flags() {
      ups.status("OL RB OVER", 100, 1800);
      poll(1);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
      assertThat(monitor.finding().message()).contains("battery needs replacing", "overloaded");
    }

    @Test
    @DisplayName("readings: charge, runtime, load, on battery 0/1, labelled with the UPS")
    void readings() {
      ups.status("OB", 80, 1200);
      poll(1);
      assertThat(monitor.readings())
          .containsExactly(
              new Reading("ups_battery_charge_percent", Map.of("ups", "sala"), 80, "percent"),
              new Reading("ups_battery_runtime_seconds", Map.of("ups", "sala"), 1200, "seconds"),
              new Reading("ups_load_percent", Map.of("ups", "sala"), 23, "percent"),
              new Reading("ups_on_battery", Map.of("ups", "sala"), 1, ""));
      assertThat(monitor.finding().check()).isEqualTo("ups");
      assertThat(monitor.finding().subject()).isEqualTo("sala");
    }
  }

  @Nested
  @DisplayName("a stale UPS (upsd answers, the driver does not)")
  class Stale {
    @Test
    @DisplayName("is a WARN at once, one STALE event, and no readings; fresh data restores it")
    void warns() {
      ups.status("OL", 100, 1800);
      poll(1);
      ups.error("DATA-STALE");
      poll(10);
      assertThat(kinds()).containsExactly(Kind.ONLINE, Kind.STALE);
      assertThat(events.get(1).severity()).isEqualTo(Severity.WARN);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
      assertThat(monitor.finding().message()).startsWith("UPS data stale").contains("DATA-STALE");
      assertThat(monitor.readings()).isEmpty();
      ups.status("OL", 100, 1800);
      poll(1);
      assertThat(kinds()).containsExactly(Kind.ONLINE, Kind.STALE, Kind.COMMUNICATION_RESTORED);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.OK);
    }

    @Test
    @DisplayName("DRIVER-NOT-CONNECTED is stale too")
    void driverNotConnected() {
      ups.error("DRIVER-NOT-CONNECTED");
      poll(1);
      assertThat(kinds()).containsExactly(Kind.STALE);
    }

    @Test
    @DisplayName("stale for the dead time while on battery is critical, as upsmon has it")
    void onBattery() {
      ups.status("OB", 60, 900);
      poll(1);
      ups.error("DATA-STALE");
      poll(3); // stale at 5 s, 10 s, 15 s: not yet the dead time since the first stale answer
      assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
      poll(1);
      assertThat(kinds()).containsExactly(Kind.ON_BATTERY, Kind.STALE, Kind.UNREACHABLE);
      assertThat(events.get(2).severity()).isEqualTo(Severity.CRITICAL);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.CRITICAL);
    }
  }

  @Nested
  @DisplayName("an unreachable UPS (no answer at all)")
  class Unreachable {
    @Test
    @DisplayName("is nothing before the dead time, then one WARN UNREACHABLE event")
    void online() {
      ups.status("OL", 100, 1800);
      poll(1); // at 0 s
      ups.silent();
      poll(3); // 5, 10, 15 s... the poll at 15 s is the dead time after the last answer at 0 s
      assertThat(kinds()).containsExactly(Kind.ONLINE, Kind.UNREACHABLE);
      assertThat(events.get(1).severity()).isEqualTo(Severity.WARN);
      assertThat(events.get(1).time()).isEqualTo(Instant.parse("2026-11-26T02:00:15Z"));
      assertThat(monitor.finding().message())
          .startsWith("UPS unreachable")
          .contains("sala@127.0.0.1:3493", "15 s", "Connection refused");
      poll(5);
      assertThat(kinds()).hasSize(2);
    }

    @Test
    @DisplayName("a lost poll or two is not an outage")
    void lostPolls() {
      ups.status("OL", 100, 1800);
      poll(1);
      ups.silent();
      poll(2);
      ups.status("OL", 100, 1800);
      poll(1);
      assertThat(kinds()).containsExactly(Kind.ONLINE);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.OK);
    }

    @Test
    @DisplayName("last seen on battery, it is CRITICAL")
    void onBattery() {
      ups.status("OB", 60, 900);
      poll(1);
      ups.silent();
      poll(4);
      assertThat(kinds()).containsExactly(Kind.ON_BATTERY, Kind.UNREACHABLE);
      assertThat(events.get(1).severity()).isEqualTo(Severity.CRITICAL);
      assertThat(monitor.finding().message()).contains("while last seen on battery");
    }

    @Test
    @DisplayName("never reached: INFO until the dead time, then WARN")
    void never() {
      ups.silent();
      poll(1);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.INFO);
      poll(3);
      assertThat(kinds()).containsExactly(Kind.UNREACHABLE);
      assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
    }

    @Test
    @DisplayName("answers again: COMMUNICATION_RESTORED, then the power change if any")
    void back() {
      ups.status("OL", 100, 1800);
      poll(1);
      ups.silent();
      poll(4);
      ups.status("OB", 90, 1500);
      poll(1);
      assertThat(kinds())
          .containsExactly(
              Kind.ONLINE, Kind.UNREACHABLE, Kind.COMMUNICATION_RESTORED, Kind.ON_BATTERY);
    }
  }

  @Test
  @DisplayName("as a health check, shows each monitor's finding and readings")
  void check() {
    ups.status("OL", 100, 1800);
    poll(1);
    var sample = new UpsCheck(List.of(monitor)).sample();
    assertThat(sample.findings()).containsExactly(monitor.finding());
    assertThat(sample.readings()).hasSize(4);
  }

  @Test
  @DisplayName("the poller thread polls until closed, as a daemon thread")
  void poller() throws Exception {
    ups.status("OL", 100, 1800);
    UpsMonitor real =
        new UpsMonitor("sala", ups, Duration.ofSeconds(15), java.time.Clock.systemUTC(), e -> {});
    UpsPoller poller = new UpsPoller(List.of(real), Duration.ofMillis(20));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (real.lastStatus().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(real.lastStatus()).isPresent();
    poller.close();
    assertThat(poller.alive()).isFalse();
  }
}

package it.continuo.health.ups;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.health.Severity;
import it.continuo.health.ups.UpsEvent.Kind;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The UPS monitor against a real upsd with the dummy-ups driver")
class UpsMonitorIT {
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration DEAD = Duration.ofSeconds(3);

  /** How soon a change must be seen: one poll interval plus one second. */
  static final Duration DETECTION = POLL.plusSeconds(1);

  static final String ONLINE = "ups.status: OL CHRG\nbattery.charge: 100\nbattery.runtime: 1800\n";
  static final String ON_BATTERY =
      "ups.status: OB DISCHRG\nbattery.charge: 60\nbattery.runtime: 900\n";
  static final String LOW = "ups.status: OB DISCHRG LB\nbattery.charge: 9\nbattery.runtime: 95\n";

  TestServers servers;
  TestServers.Nut nut;
  final List<UpsEvent> events = new CopyOnWriteArrayList<>();
  NutUpsSource source;
  UpsMonitor monitor;
  UpsPoller poller;

  @BeforeEach
  void start() throws Exception {
    servers = TestServers.requireNut();
    nut = servers.nut();
    servers.nut("nut-driver", "start");
    servers.nut("nut-upsd", "start");
    dev(ONLINE);
    awaitUpsd("OL CHRG");
    source = new NutUpsSource(nut.host(), nut.port(), nut.ups(), nut.user(), nut.password(), POLL);
    monitor = new UpsMonitor("sala", source, DEAD, Clock.systemUTC(), events::add);
    poller = new UpsPoller(List.of(monitor), POLL);
    await(Kind.ONLINE, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    if (poller != null) {
      poller.close();
      source.close();
    }
    if (servers != null) {
      dev(ONLINE); // the next test, and the next run, start on line power
      servers.nut("nut-driver", "start");
      servers.nut("nut-upsd", "start");
    }
  }

  @Test
  @DisplayName("a power cut OL → OB → OB LB and back: each seen within a poll plus a second, once")
  void powerCut() throws Exception {
    Instant cut = dev(ON_BATTERY);
    UpsEvent onBattery = await(Kind.ON_BATTERY, Duration.ofSeconds(10));
    assertThat(Duration.between(cut, onBattery.time())).isLessThanOrEqualTo(DETECTION);
    assertThat(onBattery.severity()).isEqualTo(Severity.WARN);
    assertThat(onBattery.status().batteryCharge()).hasValue(60);
    assertThat(onBattery.status().batteryRuntimeSeconds()).hasValue(900);
    assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);

    Instant low = dev(LOW);
    UpsEvent lowBattery = await(Kind.LOW_BATTERY, Duration.ofSeconds(10));
    assertThat(Duration.between(low, lowBattery.time())).isLessThanOrEqualTo(DETECTION);
    assertThat(lowBattery.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(monitor.finding().severity()).isEqualTo(Severity.CRITICAL);

    Instant back = dev(ONLINE);
    UpsEvent backOnline = await(Kind.BACK_ONLINE, Duration.ofSeconds(10));
    assertThat(Duration.between(back, backOnline.time())).isLessThanOrEqualTo(DETECTION);
    Thread.sleep(3 * POLL.toMillis()); // more polls bring no more events
    assertThat(events.stream().map(UpsEvent::kind))
        .containsExactly(Kind.ONLINE, Kind.ON_BATTERY, Kind.LOW_BATTERY, Kind.BACK_ONLINE);
    assertThat(monitor.finding().severity()).isEqualTo(Severity.OK);
    assertThat(monitor.readings())
        .anySatisfy(r -> assertThat(r.name()).isEqualTo("ups_on_battery"));
  }

  @Test
  @DisplayName("killing the driver gives \"UPS data stale\", a WARN, and no critical event")
  void driverKilled() throws Exception {
    servers.nut("nut-driver", "stop");
    UpsEvent stale = await(Kind.STALE, Duration.ofSeconds(15));
    assertThat(stale.severity()).isEqualTo(Severity.WARN);
    assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(monitor.finding().message()).startsWith("UPS data stale");
    Thread.sleep(DEAD.plusSeconds(1).toMillis());
    assertNoCritical();

    servers.nut("nut-driver", "start");
    dev(ONLINE);
    await(Kind.COMMUNICATION_RESTORED, Duration.ofSeconds(15));
  }

  @Test
  @DisplayName(
      "killing upsd while on line power: \"UPS unreachable\" after the dead time, WARN only")
  void upsdKilledOnline() throws Exception {
    Instant killed = Instant.now();
    servers.nut("nut-upsd", "stop");
    UpsEvent dead = await(Kind.UNREACHABLE, Duration.ofSeconds(15));
    assertThat(Duration.between(killed, dead.time()))
        .isGreaterThanOrEqualTo(DEAD.minus(POLL))
        .isLessThanOrEqualTo(DEAD.plus(POLL).plusSeconds(1));
    assertThat(dead.severity()).isEqualTo(Severity.WARN);
    assertThat(monitor.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(monitor.finding().message())
        .startsWith("UPS unreachable")
        .contains(nut.host() + ":" + nut.port());
    assertNoCritical();
  }

  @Test
  @DisplayName("killing upsd while on battery: unreachable is CRITICAL, as upsmon treats it")
  void upsdKilledOnBattery() throws Exception {
    dev(ON_BATTERY);
    await(Kind.ON_BATTERY, Duration.ofSeconds(10));
    servers.nut("nut-upsd", "stop");
    UpsEvent dead = await(Kind.UNREACHABLE, Duration.ofSeconds(15));
    assertThat(dead.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(dead.message()).contains("while last seen on battery");
    assertThat(monitor.finding().severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  @DisplayName("a wrong password is ACCESS-DENIED, naming the server and the UPS")
  void wrongPassword() throws Exception {
    try (NutClient c = NutClient.connect(nut.host(), nut.port(), POLL)) {
      NutException e =
          NutClientTest.failure(() -> c.login(nut.user(), "Not-The-Password-42", nut.ups()));
      assertThat(e).isInstanceOf(NutErrorException.class);
      assertThat(((NutErrorException) e).code()).isEqualTo("ACCESS-DENIED");
      assertThat(e.getMessage())
          .contains(nut.host() + ":" + nut.port(), "UPS " + nut.ups(), "ACCESS-DENIED")
          .doesNotContain("Not-The-Password-42");
    }
    try (NutUpsSource wrong =
        new NutUpsSource(
            nut.host(), nut.port(), nut.ups(), nut.user(), "Not-The-Password-42", POLL)) {
      NutException e = NutClientTest.failure(wrong::read);
      assertThat(((NutErrorException) e).code()).isEqualTo("ACCESS-DENIED");
      assertThat(((NutErrorException) e).stale()).isFalse();
    }
  }

  @Test
  @DisplayName("the client reads the real server: LIST UPS, LIST VAR, GET VAR, its errors, LOGOUT")
  void client() throws Exception {
    try (NutClient c = NutClient.connect(nut.host(), nut.port(), POLL)) {
      c.login(nut.user(), nut.password(), nut.ups());
      assertThat(c.listUps()).containsEntry(nut.ups(), "Continuo test UPS");
      assertThat(c.listVars(nut.ups())).containsEntry("battery.charge", "100");
      assertThat(c.getVar(nut.ups(), "ups.model")).isEqualTo("Test UPS");
      NutException unsupported = NutClientTest.failure(() -> c.getVar(nut.ups(), "no.such"));
      assertThat(((NutErrorException) unsupported).code()).isEqualTo("VAR-NOT-SUPPORTED");
      NutException unknown = NutClientTest.failure(() -> c.listVars("no-such-ups"));
      assertThat(((NutErrorException) unknown).code()).isEqualTo("UNKNOWN-UPS");
      c.logout();
    }
  }

  private void assertNoCritical() {
    assertThat(events).noneMatch(e -> e.severity() == Severity.CRITICAL);
  }

  private Instant dev(String variables) throws IOException {
    return nut.write(variables);
  }

  /** Waits until upsd reports the status (just after a start it may read WAIT). */
  private void awaitUpsd(String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try (NutClient c = NutClient.connect(nut.host(), nut.port(), POLL)) {
        last = c.getVar(nut.ups(), "ups.status");
        if (last.equals(status)) {
          return;
        }
      } catch (NutException e) {
        last = e.getMessage();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("upsd did not report " + status + " within 15 s; last: " + last);
  }

  private UpsEvent await(Kind kind, Duration within) throws InterruptedException {
    return await(e -> e.kind() == kind, kind.name(), within);
  }

  private UpsEvent await(Predicate<UpsEvent> match, String what, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (UpsEvent e : events) {
        if (match.test(e)) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no "
            + what
            + " event within "
            + within
            + "; events: "
            + events
            + "; finding: "
            + monitor.finding());
  }
}

package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.PowerConfig;
import it.continuo.config.UpsConfig;
import it.continuo.health.Severity;
import it.continuo.health.ups.UpsEvent;
import it.continuo.history.History;
import it.continuo.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the power actions shut the server down, and when they do not. */
class PowerActionsTest {
  static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

  @TempDir Path dir;

  List<String> after(UpsEvent... events) throws Exception {
    Path log = dir.resolve("shutdown.log");
    UpsConfig ups =
        new UpsConfig(
            "sala",
            "127.0.0.1",
            3493,
            "sala",
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            new PowerConfig(
                true,
                List.of(),
                Duration.ofMinutes(10),
                List.of("echo shutdown >> " + log),
                Duration.ofSeconds(10)));
    Config config = null;
    try (History history = History.open(dir.resolve("data"))) {
      TestClock clock = new TestClock(NOW);
      Dispatcher dispatcher = new Dispatcher(() -> config, history, clock, "test", new RunGate(1));
      PowerActions power = new PowerActions(() -> Map.of("sala", ups), dispatcher, history, clock);
      for (UpsEvent e : events) {
        power.on(e);
      }
    }
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  static UpsEvent event(UpsEvent.Kind kind, Severity severity) {
    return new UpsEvent("sala", kind, severity, NOW, kind.name(), null);
  }

  @Test
  void aUpsLostWhileOnLinePowerShutsNothingDown() throws Exception {
    assertThat(after(event(UpsEvent.Kind.UNREACHABLE, Severity.WARN))).isEmpty();
    assertThat(after(event(UpsEvent.Kind.STALE, Severity.WARN))).isEmpty();
  }

  @Test
  void aUpsLostWhileLastSeenOnBatteryShutsDownOnce() throws Exception {
    assertThat(
            after(
                event(UpsEvent.Kind.ON_BATTERY, Severity.WARN),
                event(UpsEvent.Kind.UNREACHABLE, Severity.CRITICAL),
                event(UpsEvent.Kind.LOW_BATTERY, Severity.CRITICAL)))
        .containsExactly("shutdown");
  }

  @Test
  void onBatteryAloneDoesNotShutDown() throws Exception {
    assertThat(after(event(UpsEvent.Kind.ON_BATTERY, Severity.WARN))).isEmpty();
  }

  @Test
  void aForcedShutdownShutsDown() throws Exception {
    assertThat(after(event(UpsEvent.Kind.FORCED_SHUTDOWN, Severity.CRITICAL)))
        .containsExactly("shutdown");
  }

  @Test
  void powerBackAfterTheShutdownSequenceArmsItAgainForTheNextOutage() throws Exception {
    assertThat(
            after(
                event(UpsEvent.Kind.LOW_BATTERY, Severity.CRITICAL),
                event(UpsEvent.Kind.BACK_ONLINE, Severity.OK),
                event(UpsEvent.Kind.ON_BATTERY, Severity.WARN),
                event(UpsEvent.Kind.LOW_BATTERY, Severity.CRITICAL)))
        .containsExactly("shutdown", "shutdown");
  }
}

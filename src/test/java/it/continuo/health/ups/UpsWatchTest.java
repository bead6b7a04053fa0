package it.continuo.health.ups;

import static it.continuo.health.ups.FakeNutServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.PowerConfig;
import it.continuo.config.UpsConfig;
import it.continuo.health.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Watching the configured UPSes")
class UpsWatchTest {

  @Test
  @DisplayName("polls each UPS on its own thread over NUT until closed")
  void watches() throws Exception {
    try (FakeNutServer server =
        new FakeNutServer(
            (req, out) ->
                write(
                    out,
                    req.equals("LIST VAR eaton")
                        ? "BEGIN LIST VAR eaton\nVAR eaton ups.status \"OB\"\n"
                            + "VAR eaton battery.charge \"77\"\nEND LIST VAR eaton\n"
                        : "ERR UNKNOWN-COMMAND\n"))) {
      UpsConfig config =
          new UpsConfig(
              "sala",
              "127.0.0.1",
              server.port(),
              "eaton",
              null,
              null,
              Duration.ofMillis(100),
              Duration.ofSeconds(1),
              PowerConfig.DEFAULTS);
      List<UpsEvent> events = new CopyOnWriteArrayList<>();
      UpsWatch watch = UpsWatch.start(List.of(config), Clock.systemUTC(), events::add);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (events.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      watch.close();
      assertThat(events).extracting(UpsEvent::kind).containsExactly(UpsEvent.Kind.ON_BATTERY);
      assertThat(watch.check().sample().findings())
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));
      assertThat(server.requests()).allMatch(r -> r.equals("LIST VAR eaton"));
    }
  }

  @Test
  @DisplayName("waits for a reply at most the poll interval, and never more than 5 s")
  void timeout() {
    assertThat(UpsWatch.timeout(config(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
    assertThat(UpsWatch.timeout(config(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(5));
  }

  private static UpsConfig config(Duration poll) {
    return new UpsConfig(
        "a", "h", 3493, "a", null, null, poll, poll.multipliedBy(3), PowerConfig.DEFAULTS);
  }
}

package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.daemon.Heartbeat.Change;
import it.continuo.daemon.Heartbeat.Failure;
import it.continuo.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Heartbeats of the primary: misses in a row")
class HeartbeatTest {
  static final ZoneId UTC = ZoneId.of("UTC");
  static final Failure REFUSED = new Failure("127.0.0.2:8080", "refused");
  static final Failure HEALTH = new Failure("http://127.0.0.2:8420/health", "timed out");

  final TestClock clock = new TestClock(Instant.parse("2026-11-26T05:40:12Z"));
  final Heartbeat heartbeat = new Heartbeat("primario", 3);

  Change round(Failure... failures) {
    Change c = heartbeat.round(List.of(failures), clock.instant());
    clock.advance(Duration.ofSeconds(10));
    return c;
  }

  @Test
  @DisplayName("a primary that answers changes nothing")
  void alive() {
    assertThat(round()).isEqualTo(Change.NONE);
    assertThat(round()).isEqualTo(Change.NONE);
    assertThat(heartbeat.lost()).isFalse();
  }

  @Nested
  @DisplayName("three misses in a row")
  class Lost {
    @Test
    @DisplayName("are lost at the third, still lost after, back at the first good round")
    void lostThenBack() {
      assertThat(round(REFUSED)).isEqualTo(Change.MISSED);
      assertThat(round(REFUSED)).isEqualTo(Change.MISSED);
      assertThat(heartbeat.lost()).isFalse();
      assertThat(round(REFUSED, HEALTH)).isEqualTo(Change.LOST);
      assertThat(heartbeat.lost()).isTrue();
      assertThat(heartbeat.lostSince()).isEqualTo(Instant.parse("2026-11-26T05:40:32Z"));
      assertThat(round(REFUSED)).isEqualTo(Change.STILL_LOST);
      assertThat(round()).isEqualTo(Change.BACK);
      assertThat(heartbeat.lost()).isFalse();
      assertThat(round()).isEqualTo(Change.NONE);
    }

    @Test
    @DisplayName("name what failed, how often and since when")
    void message() {
      round(REFUSED);
      round(REFUSED);
      round(REFUSED, HEALTH);
      assertThat(heartbeat.message(UTC))
          .isEqualTo(
              "primario: 127.0.0.2:8080 refused 3 times in a row since 05:40:12;"
                  + " http://127.0.0.2:8420/health timed out at 05:40:32");
    }
  }

  @Test
  @DisplayName("a good round in between starts the count again (hysteresis)")
  void goodRoundResets() {
    assertThat(round(REFUSED)).isEqualTo(Change.MISSED);
    assertThat(round(REFUSED)).isEqualTo(Change.MISSED);
    assertThat(round()).isEqualTo(Change.NONE);
    assertThat(round(REFUSED)).isEqualTo(Change.MISSED);
    assertThat(round(HEALTH)).isEqualTo(Change.MISSED);
    assertThat(heartbeat.lost()).isFalse();
    assertThat(round(REFUSED)).isEqualTo(Change.LOST);
  }

  @Test
  @DisplayName("a single miss is enough when misses is 1; back at once")
  void oneMiss() {
    Heartbeat quick = new Heartbeat("primario", 1);
    assertThat(quick.round(List.of(REFUSED), clock.instant())).isEqualTo(Change.LOST);
    assertThat(quick.round(List.of(), clock.instant())).isEqualTo(Change.BACK);
  }
}

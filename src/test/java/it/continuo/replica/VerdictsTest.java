package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.ReplicaConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The state a check concludes with")
class VerdictsTest {
  static final Duration MAX = Duration.ofMinutes(15);
  static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
  static final ReplicaConfig REPLICA =
      new ReplicaConfig(
          "uno",
          new ReplicaConfig.Side(null, List.of("/srv/uno")),
          new ReplicaConfig.Side(null, List.of("/srv/uno")),
          List.of(),
          MAX,
          ReplicaConfig.DEFAULT_SCHEDULE,
          0,
          List.of());

  @Test
  @DisplayName("in sync: no difference, no probe lag")
  void inSync() {
    assertThat(Verdicts.state(false, false, Duration.ZERO, MAX)).isEqualTo(ReplicaState.IN_SYNC);
  }

  @Test
  @DisplayName("lagging: pending copies younger than maxLag, or a probe's lag within it")
  void lagging() {
    assertThat(Verdicts.state(true, false, Duration.ofMinutes(3), MAX))
        .isEqualTo(ReplicaState.LAGGING);
    assertThat(Verdicts.state(false, false, Duration.ofSeconds(42), MAX))
        .isEqualTo(ReplicaState.LAGGING);
    assertThat(Verdicts.state(true, false, MAX, MAX)).isEqualTo(ReplicaState.LAGGING);
  }

  @Test
  @DisplayName("behind: the oldest pending change is older than maxLag")
  void behind() {
    assertThat(Verdicts.state(true, false, MAX.plusSeconds(1), MAX)).isEqualTo(ReplicaState.BEHIND);
  }

  @Test
  @DisplayName("different: a difference no pending copy explains, whatever the lag")
  void different() {
    assertThat(Verdicts.state(true, true, Duration.ofHours(3), MAX))
        .isEqualTo(ReplicaState.DIFFERENT);
  }

  @Test
  @DisplayName("the lag is the age of the oldest pending change, or a probe's if larger")
  void lag() {
    Findings f = new Findings();
    f.add(new Difference(Difference.Kind.MISSING, "a", "x", NOW.minusSeconds(125)), true);
    f.add(new Difference(Difference.Kind.MISSING, "b", "x", NOW.minusSeconds(5)), true);
    ReplicaResult r = Verdicts.conclude(REPLICA, NOW, false, f, List.of(), Duration.ZERO);
    assertThat(r.lag()).isEqualTo(Duration.ofSeconds(125));
    assertThat(r.state()).isEqualTo(ReplicaState.LAGGING);
    ReplicaResult probed =
        Verdicts.conclude(
            REPLICA,
            NOW,
            false,
            f,
            List.of(new ProbeResult("db", Duration.ofMinutes(20), null)),
            Duration.ZERO);
    assertThat(probed.lag()).isEqualTo(Duration.ofMinutes(20));
    assertThat(probed.state()).isEqualTo(ReplicaState.BEHIND);
    assertThat(probed.summary())
        .isEqualTo("uno: behind, lag 20m of 15m, 2 missing, 0 extra, 0 changed");
  }

  @Test
  @DisplayName("acceptable states are in sync and lagging; words are lower case")
  void words() {
    assertThat(ReplicaState.IN_SYNC.word()).isEqualTo("in sync");
    assertThat(java.util.Arrays.stream(ReplicaState.values()).filter(ReplicaState::acceptable))
        .containsExactly(ReplicaState.IN_SYNC, ReplicaState.LAGGING);
  }

  @Test
  @DisplayName("a probe printing a number of seconds gives its lag; anything else is refused")
  void probes() {
    assertThat(Probes.parse("42\n")).isEqualTo(Duration.ofSeconds(42));
    assertThat(Probes.parse(" 0.25 ")).isEqualTo(Duration.ofMillis(250));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Probes.parse("lag: many"))
        .hasMessageContaining("not a number of seconds");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Probes.parse("-1"))
        .hasMessageContaining("negative");
  }
}

package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.config.ReplicaConfig;
import it.continuo.health.Finding;
import it.continuo.health.Severity;
import it.continuo.history.History;
import it.continuo.replica.Difference;
import it.continuo.replica.ReplicaResult;
import it.continuo.replica.ReplicaState;
import it.continuo.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's replica checks, with the engine's results given by the test: what is recorded, and
 * what the alerts are told.
 */
@DisplayName("The daemon's replica watch")
class ReplicaWatchTest {
  static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

  @TempDir Path dir;
  Config config;
  History history;
  TestClock clock = new TestClock(T0);
  final Map<String, ReplicaState> states = new HashMap<>();
  final List<Instant> sinces = new ArrayList<>();
  final List<List<Finding>> told = new ArrayList<>();
  Predicate<String> scope;

  @BeforeEach
  void office() throws Exception {
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: primario, dataDir: %1$s/data }
        hosts:
          secondario: { address: 10.0.0.2, user: root, key: %1$s/id, knownHosts: %1$s/known_hosts }
        replicas:
          uno: { primary: { path: /srv/uno }, secondary: { host: secondario, path: /srv/uno }, maxLag: 15m }
          posta: { primary: { path: /srv/posta }, secondary: { host: secondario, path: /srv/posta }, maxLag: 1h }
        """
            .formatted(dir));
    config = new ConfigLoader().load(file);
    history = History.open(dir.resolve("data"));
  }

  @AfterEach
  void close() {
    history.close();
  }

  ReplicaWatch watch() {
    return new ReplicaWatch(
        () -> config,
        history,
        this::check,
        clock,
        (s, findings) -> {
          scope = s;
          told.add(findings);
        });
  }

  ReplicaResult check(ReplicaConfig replica, boolean quick, Instant since) {
    sinces.add(since);
    ReplicaState state = states.getOrDefault(replica.name(), ReplicaState.IN_SYNC);
    Instant now = clock.instant();
    if (state == ReplicaState.UNKNOWN) {
      return ReplicaResult.unknown(
          replica.name(),
          now,
          quick,
          replica.maxLag(),
          List.of(),
          "secondario unreachable",
          Duration.ofSeconds(1));
    }
    boolean behind = state == ReplicaState.BEHIND;
    return new ReplicaResult(
        replica.name(),
        now,
        quick,
        state,
        behind ? Duration.ofMinutes(40) : Duration.ZERO,
        replica.maxLag(),
        10,
        100,
        10,
        100,
        behind ? 1 : 0,
        0,
        0,
        10,
        100,
        behind
            ? List.of(
                new Difference(Difference.Kind.MISSING, "a.txt", "a file", now.minusSeconds(2400)))
            : List.of(),
        false,
        List.of(),
        "",
        Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("records each check, and confirms first what changed since the last full one")
  void records() throws Exception {
    ReplicaWatch watch = watch();
    watch.accept("uno");
    clock.advance(Duration.ofMinutes(15));
    watch.accept("uno");

    assertThat(history.replicaChecks("uno", T0)).hasSize(2);
    assertThat(sinces).containsExactly(null, T0);
  }

  @Test
  @DisplayName("alerts once a replica falls behind, scoped to replica incidents, and clears it")
  void alerts() throws Exception {
    ReplicaWatch watch = watch();
    states.put("uno", ReplicaState.BEHIND);
    watch.accept("uno");
    states.put("posta", ReplicaState.UNKNOWN);
    watch.accept("posta");

    assertThat(scope.test("replica")).isTrue();
    assertThat(scope.test("disk")).as("the health sample's incidents are not its own").isFalse();
    assertThat(told.get(1))
        .extracting(Finding::subject, Finding::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("uno", Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple("posta", Severity.WARN));
    assertThat(told.get(0).get(0).message())
        .isEqualTo(
            "replica uno is behind: lag 40m, largest accepted 15m; 1 missing, 0 extra, 0 changed;"
                + " first: missing a.txt: a file");

    states.put("uno", ReplicaState.IN_SYNC);
    watch.accept("uno");
    assertThat(told.get(2)).extracting(Finding::subject).containsExactly("posta");
  }

  @Test
  @DisplayName("after a restart, what the last checks found stays open until checked again")
  void restart() throws Exception {
    states.put("uno", ReplicaState.BEHIND);
    watch().accept("uno");

    ReplicaWatch restarted = watch();
    restarted.accept("posta");

    assertThat(told.get(1)).extracting(Finding::subject).containsExactly("uno");
  }
}

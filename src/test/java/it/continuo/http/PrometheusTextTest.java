package it.continuo.http;

import static it.continuo.http.PrometheusParser.samples;
import static it.continuo.http.PrometheusParser.value;
import static it.continuo.http.SampleStatus.ODD_JOB;
import static it.continuo.http.SampleStatus.ODD_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.http.PrometheusParser.Family;
import it.continuo.http.PrometheusParser.Sample;
import it.continuo.status.AgentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Prometheus exposition of the status")
class PrometheusTextTest {
  static String text;
  static List<Family> families;

  @BeforeAll
  static void parse() throws Exception {
    text = PrometheusText.render(SampleStatus.status());
    families = PrometheusParser.parse(text);
  }

  static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  static Map<String, String> job(String job) {
    return Map.of(PrometheusText.JOB_LABEL, job);
  }

  static Map<String, String> target(String job, String target) {
    return Map.of(PrometheusText.JOB_LABEL, job, "target", target);
  }

  @Nested
  @DisplayName("as a whole")
  class AsAWhole {
    @Test
    @DisplayName("parses with the reference parser, every family once, a gauge named continuo_…")
    void parsesFamiliesOnce() {
      assertThat(families).isNotEmpty();
      assertThat(families).extracting(Family::name).doesNotHaveDuplicates();
      assertThat(families)
          .allSatisfy(
              f -> {
                assertThat(f.name()).startsWith("continuo_");
                assertThat(f.type()).isEqualTo("gauge");
                assertThat(f.help()).isNotBlank();
                assertThat(f.samples()).isNotEmpty().allMatch(s -> s.name().equals(f.name()));
              });
    }

    @Test
    @DisplayName("says the status was read, names the agent and when the daemon started")
    void agent() {
      assertThat(value(families, PrometheusText.STATUS_UP, Map.of())).contains(1.0);
      assertThat(
              value(
                  families,
                  PrometheusText.AGENT_INFO,
                  Map.of("agent", "srv-primario", "version", "0.1.0")))
          .contains(1.0);
      assertThat(value(families, PrometheusText.DAEMON_START, Map.of()))
          .contains(seconds(SampleStatus.DAEMON_SINCE));
    }

    @Test
    @DisplayName("writes timestamps as plain decimal seconds, exact to the fraction")
    void plainDecimals() {
      assertThat(text)
          .contains(PrometheusText.LAST_RUN + "{backup_job=\"gestionale\"} 1795641123.5\n")
          .contains(PrometheusText.LAST_DURATION + "{backup_job=\"gestionale\"} 723.5\n")
          .contains(PrometheusText.NEXT_RUN + "{backup_job=\"gestionale\"} 1795726800\n");
    }
  }

  @Nested
  @DisplayName("for a job that ran")
  class JobThatRan {
    @Test
    @DisplayName("gives the end of its last success and of its last run")
    void lastSuccessAndRun() {
      double end = seconds(SampleStatus.LAST_END);
      assertThat(value(families, PrometheusText.LAST_SUCCESS, job("gestionale"))).contains(end);
      assertThat(value(families, PrometheusText.LAST_RUN, job("gestionale"))).contains(end);
    }

    @Test
    @DisplayName("gives one outcome sample, labelled with the last run's outcome")
    void outcome() {
      assertThat(samples(families, PrometheusText.LAST_OUTCOME))
          .filteredOn(s -> s.labels().get("backup_job").equals("gestionale"))
          .containsExactly(
              new Sample(
                  PrometheusText.LAST_OUTCOME,
                  Map.of("backup_job", "gestionale", "outcome", "partial"),
                  1.0));
    }

    @Test
    @DisplayName("gives the last run's duration, files and bytes")
    void figures() {
      assertThat(value(families, PrometheusText.LAST_DURATION, job("gestionale"))).contains(723.5);
      assertThat(value(families, PrometheusText.LAST_FILES, job("gestionale"))).contains(1200.0);
      assertThat(value(families, PrometheusText.LAST_READ, job("gestionale"))).contains(5e6);
      assertThat(value(families, PrometheusText.LAST_WRITTEN, job("gestionale"))).contains(1.3e6);
    }

    @Test
    @DisplayName("tells per target whether the last run was stored there, and how many bytes")
    void stored() {
      assertThat(value(families, PrometheusText.STORED, target("gestionale", "nas"))).contains(1.0);
      assertThat(value(families, PrometheusText.STORED, target("gestionale", "cloud")))
          .contains(0.0);
      assertThat(value(families, PrometheusText.STORED_BYTES, target("gestionale", "nas")))
          .contains(1.31e6);
    }

    @Test
    @DisplayName("says it is not running and when it runs next")
    void schedule() {
      assertThat(value(families, PrometheusText.RUNNING, job("gestionale"))).contains(0.0);
      assertThat(value(families, PrometheusText.NEXT_RUN, job("gestionale")))
          .contains(seconds(SampleStatus.NEXT_RUN));
    }

    @Test
    @DisplayName("gives each target's last verification: ok, when, how many problems")
    void verification() {
      assertThat(value(families, PrometheusText.VERIFICATION_OK, target("gestionale", "nas")))
          .contains(1.0);
      assertThat(value(families, PrometheusText.VERIFICATION_OK, target("gestionale", "cloud")))
          .contains(0.0);
      assertThat(
              value(families, PrometheusText.VERIFICATION_PROBLEMS, target("gestionale", "cloud")))
          .contains(3.0);
      assertThat(value(families, PrometheusText.VERIFICATION_AT, target("gestionale", "nas")))
          .contains(seconds(SampleStatus.VERIFIED_AT));
    }

    @Test
    @DisplayName("gives the restore points of a target it can list")
    void chain() {
      assertThat(value(families, PrometheusText.REACHABLE, target("gestionale", "nas")))
          .contains(1.0);
      assertThat(value(families, PrometheusText.POINTS, target("gestionale", "nas"))).contains(8.0);
      assertThat(value(families, PrometheusText.DAMAGED, target("gestionale", "nas")))
          .contains(1.0);
      assertThat(value(families, PrometheusText.NEWEST_POINT, target("gestionale", "nas")))
          .contains(seconds(SampleStatus.LAST_START));
    }

    @Test
    @DisplayName("marks a target it cannot list unreachable, and gives none of its figures")
    void unreachable() {
      assertThat(value(families, PrometheusText.REACHABLE, target("gestionale", "cloud")))
          .contains(0.0);
      for (String name :
          List.of(PrometheusText.POINTS, PrometheusText.DAMAGED, PrometheusText.NEWEST_POINT)) {
        assertThat(value(families, name, target("gestionale", "cloud"))).as(name).isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("for a replica")
  class Replica {
    @Test
    @DisplayName("gives its state, lag against the largest accepted, and differences by kind")
    void replica() {
      Map<String, String> uno = Map.of("replica", "uno");
      assertThat(
              value(
                  families,
                  PrometheusText.REPLICA_STATE,
                  Map.of("replica", "uno", "state", "lagging", "quick", "false")))
          .contains(1.0);
      assertThat(value(families, PrometheusText.REPLICA_LAG, uno)).contains(95.0);
      assertThat(value(families, PrometheusText.REPLICA_MAX_LAG, uno)).contains(900.0);
      assertThat(
              value(
                  families,
                  PrometheusText.REPLICA_DIFFERENCES,
                  Map.of("replica", "uno", "kind", "missing")))
          .contains(2.0);
      assertThat(value(families, PrometheusText.REPLICA_AT, uno))
          .contains(seconds(SampleStatus.REPLICA.checkedAt()));
      assertThat(value(families, PrometheusText.REPLICA_DURATION, uno)).contains(2.5);
    }
  }

  @Nested
  @DisplayName("for a job that never ran")
  class JobThatNeverRan {
    @Test
    @DisplayName("keeps a name with a quote, a backslash and a newline intact, in every label")
    void escaping() {
      assertThat(value(families, PrometheusText.RUNNING, job(ODD_JOB))).contains(0.0);
      assertThat(value(families, PrometheusText.REACHABLE, target(ODD_JOB, ODD_TARGET)))
          .contains(1.0);
      assertThat(value(families, PrometheusText.POINTS, target(ODD_JOB, ODD_TARGET))).contains(0.0);
    }

    @Test
    @DisplayName("gives no sample for what is unknown: success, run, figures, next run, newest")
    void nothingMadeUp() {
      for (String name :
          List.of(
              PrometheusText.LAST_SUCCESS,
              PrometheusText.LAST_RUN,
              PrometheusText.LAST_OUTCOME,
              PrometheusText.LAST_DURATION,
              PrometheusText.LAST_FILES,
              PrometheusText.LAST_READ,
              PrometheusText.LAST_WRITTEN,
              PrometheusText.NEXT_RUN,
              PrometheusText.STORED,
              PrometheusText.VERIFICATION_OK,
              PrometheusText.NEWEST_POINT)) {
        assertThat(samples(families, name))
            .as(name)
            .noneMatch(s -> ODD_JOB.equals(s.labels().get("backup_job")));
      }
    }
  }

  @Nested
  @DisplayName("of an agent without daemon nor jobs")
  class Bare {
    @Test
    @DisplayName("gives the agent and leaves out the daemon's start")
    void bare() throws Exception {
      List<Family> bare =
          PrometheusParser.parse(
              PrometheusText.render(
                  new AgentStatus(
                      "a", "0.1.0", SampleStatus.NOW, null, List.of(), null, List.of())));
      assertThat(bare)
          .extracting(Family::name)
          .containsExactly(PrometheusText.STATUS_UP, PrometheusText.AGENT_INFO);
    }
  }

  @Nested
  @DisplayName("of a daemon that watches the server's health")
  class Health {
    @Test
    @DisplayName("gives each reading with its labels and each finding's severity")
    void readingsAndFindings() throws Exception {
      Instant at = SampleStatus.NOW.minusSeconds(30);
      var snapshot =
          new it.continuo.health.HealthSnapshot(
              at,
              new it.continuo.health.HealthReport(
                  List.of(
                      new it.continuo.health.Finding(
                          "disk", "/srv", it.continuo.health.Severity.WARN, "/srv is 91% full"),
                      new it.continuo.health.Finding(
                          "raid", "md0", it.continuo.health.Severity.CRITICAL, "md0 on one disk")),
                  List.of(
                      new it.continuo.health.Reading(
                          "disk_used_ratio", Map.of("mount", "/srv"), 0.91, "ratio"),
                      new it.continuo.health.Reading(
                          "disk_used_ratio", Map.of("mount", "/"), 0.4, "ratio"),
                      new it.continuo.health.Reading("load_per_core", Map.of(), 0.25, "load"))));

      List<Family> parsed =
          PrometheusParser.parse(PrometheusText.render(SampleStatus.status().withHealth(snapshot)));

      assertThat(value(parsed, PrometheusText.HEALTH_AT, Map.of())).contains(seconds(at));
      assertThat(value(parsed, "continuo_health_disk_used_ratio", Map.of("mount", "/srv")))
          .contains(0.91);
      assertThat(value(parsed, "continuo_health_disk_used_ratio", Map.of("mount", "/")))
          .contains(0.4);
      assertThat(value(parsed, "continuo_health_load_per_core", Map.of())).contains(0.25);
      assertThat(
              value(
                  parsed,
                  PrometheusText.HEALTH_SEVERITY,
                  Map.of("check", "raid", "subject", "md0")))
          .contains(3.0);
      assertThat(parsed).extracting(Family::name).doesNotHaveDuplicates();
    }
  }

  @Nested
  @DisplayName("of an agent whose version is unknown")
  class NoVersion {
    @Test
    @DisplayName("leaves the version label empty")
    void emptyLabel() throws Exception {
      List<Family> parsed =
          PrometheusParser.parse(
              PrometheusText.render(
                  new AgentStatus("a", null, SampleStatus.NOW, null, List.of(), null, List.of())));
      assertThat(value(parsed, PrometheusText.AGENT_INFO, Map.of("agent", "a", "version", "")))
          .contains(1.0);
    }
  }

  @Nested
  @DisplayName("when the status cannot be read")
  class Unavailable {
    @Test
    @DisplayName("says so with continuo_status_up 0 and nothing else")
    void statusDown() throws Exception {
      List<Family> down = PrometheusParser.parse(PrometheusText.unavailable());
      assertThat(down)
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.samples())
                      .containsExactly(new Sample(PrometheusText.STATUS_UP, Map.of(), 0.0)));
    }
  }
}

package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.health.Severity;
import it.continuo.history.History;
import it.continuo.history.Incident;
import it.continuo.testing.CliResult;
import it.continuo.testing.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuo ack} and {@code continuo incidents}, on the workspace's history. */
@DisplayName("continuo ack and continuo incidents")
class IncidentCommandsTest {
  @TempDir Path tmp;
  Workspace ws;
  Instant opened = Instant.now().minus(Duration.ofHours(2));

  @BeforeEach
  void twoIncidents() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    try (History h = History.open(ws.data)) {
      long raid =
          h.openIncident("raid:md0", "raid", "md0", Severity.CRITICAL, "md0 on one disk", opened);
      long n = h.notificationDue(raid, "sysadmin", 0, "opened", Severity.CRITICAL, opened);
      h.notificationSent(n, opened);
      long m = h.notificationDue(raid, "rco", 1, "escalated", Severity.CRITICAL, opened);
      h.notificationFailed(m, "channel rco: cannot POST to http://127.0.0.1:9", false);
      long disk =
          h.openIncident("disk:/srv", "disk", "/srv", Severity.WARN, "/srv 91% full", opened);
      h.resolveIncident(disk, opened.plus(Duration.ofHours(1)));
    }
  }

  @Test
  @DisplayName("ack records who and the note; escalation then stops (the engine's test shows it)")
  void ack() throws Exception {
    CliResult r = ws.cli("ack", "raid:md0", "--note", "tecnico in arrivo");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("incident raid:md0 acknowledged by " + AckCommand.who())
        .contains("the recovery will still be sent");
    try (History h = History.open(ws.data)) {
      Incident.Acknowledgement ack = h.openIncidents().get(0).ack();
      assertThat(ack.by()).isEqualTo(AckCommand.who()).isNotBlank();
      assertThat(ack.note()).isEqualTo("tecnico in arrivo");
      assertThat(ack.at()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }
  }

  @Test
  @DisplayName("ack of an incident that is not open fails and lists the open ones")
  void ackUnknown() {
    CliResult r = ws.cli("ack", "disk:/srv");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no open incident disk:/srv; open: raid:md0");
  }

  @Test
  @DisplayName("incidents lists the open and the recently resolved, with each message's fate")
  void list() {
    CliResult r = ws.cli("incidents");

    assertThat(r.exitCode()).as("an incident is open").isEqualTo(1);
    assertThat(r.out())
        .contains("raid:md0  OPEN CRITICAL")
        .contains("md0 on one disk")
        .contains("opened → sysadmin: sent")
        .contains("escalated → rco: NOT DELIVERED yet (1 tries): channel rco: cannot POST")
        .contains("disk:/srv  resolved");
  }

  @Test
  @DisplayName("incidents --json gives every field, acknowledgement included")
  void json() throws Exception {
    assertThat(ws.cli("ack", "raid:md0").exitCode()).isZero();
    CliResult r = ws.cli("incidents", "--json");

    JsonNode all = new ObjectMapper().readTree(r.out());
    assertThat(all).hasSize(2);
    JsonNode raid = all.get(1).get("key").asText().equals("raid:md0") ? all.get(1) : all.get(0);
    assertThat(raid.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(raid.get("ack").get("by").asText()).isEqualTo(AckCommand.who());
    assertThat(raid.get("notifications")).hasSize(2);
    assertThat(raid.get("notifications").get(0).get("channel").asText()).isEqualTo("sysadmin");
    assertThat(raid.has("resolved")).isFalse();
  }

  @Test
  @DisplayName("incidents --days 0 leaves out what resolved before now")
  void days() {
    CliResult r = ws.cli("incidents", "--days", "0");
    assertThat(r.out()).contains("raid:md0").doesNotContain("disk:/srv");
  }
}

package it.continuo.http;

import it.continuo.status.AgentStatus;
import it.continuo.status.JobStatus;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetChain;
import it.continuo.status.TargetOutcome;
import it.continuo.status.VerificationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A status to serve: job {@code gestionale} backed up to a NAS and a cloud bucket that failed last
 * night, and job {@link #ODD_JOB} (a name with a quote, a backslash and a newline) that never ran
 * and whose target cannot be listed.
 */
final class SampleStatus {
  static final Instant DAEMON_SINCE = Instant.parse("2026-11-20T08:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");
  static final Instant LAST_START = Instant.parse("2026-11-25T21:00:00Z");
  static final Instant LAST_END = Instant.parse("2026-11-25T21:12:03.500Z");
  static final Instant NEXT_RUN = Instant.parse("2026-11-26T21:00:00Z");
  static final Instant VERIFIED_AT = Instant.parse("2026-11-26T03:10:00Z");
  static final String ODD_JOB = "db \"main\" \\ copy\nnight";
  static final String ODD_TARGET = "nas \"b\"";

  private SampleStatus() {}

  static AgentStatus status() {
    RunSummary last =
        new RunSummary(
            "20261125T210000Z-I",
            "incremental",
            "partial",
            "schedule",
            LAST_START,
            LAST_END,
            Duration.between(LAST_START, LAST_END),
            1200,
            5_000_000,
            1_300_000,
            List.of(
                new TargetOutcome("nas", true, 1_310_000, null),
                new TargetOutcome("cloud", false, 0, "connection refused")),
            null,
            1,
            1,
            List.of(
                "cannot read srv/locked.db: Permission denied", "changed while read: srv/app.log"));
    JobStatus gestionale =
        new JobStatus(
            "gestionale",
            List.of("nas", "cloud"),
            null,
            last,
            last,
            NEXT_RUN,
            "incremental",
            List.of(
                new VerificationSummary("nas", "20261125T210000Z-I", VERIFIED_AT, true, 0, 5_000),
                new VerificationSummary("cloud", "20261124T210000Z-I", VERIFIED_AT, false, 3, 0)),
            List.of(
                new TargetChain(
                    "nas",
                    null,
                    8,
                    1,
                    "20261125T210000Z-I",
                    LAST_START,
                    List.of("20261122T210000Z-F", "20261125T210000Z-I")),
                new TargetChain("cloud", "connection refused", 0, 0, null, null, List.of())));
    JobStatus odd =
        new JobStatus(
            ODD_JOB,
            List.of(ODD_TARGET),
            null,
            null,
            null,
            null,
            null,
            List.of(),
            List.of(new TargetChain(ODD_TARGET, null, 0, 0, null, null, List.of())));
    return new AgentStatus(
        "srv-primario",
        "0.1.0",
        NOW,
        DAEMON_SINCE,
        List.of(gestionale, odd),
        null,
        List.of(REPLICA));
  }

  /** A replica found lagging: two files missing, the oldest 95 s old, of 15 minutes allowed. */
  static final it.continuo.history.ReplicaCheck REPLICA =
      new it.continuo.history.ReplicaCheck(
          "uno",
          NOW.minusSeconds(300),
          false,
          "LAGGING",
          java.time.Duration.ofSeconds(95),
          java.time.Duration.ofMinutes(15),
          1200,
          5_000_000,
          1198,
          4_990_000,
          2,
          0,
          1,
          40,
          1_000_000,
          List.of("missing fatture/11.pdf"),
          "2 missing, 1 changed",
          java.time.Duration.ofMillis(2500));
}

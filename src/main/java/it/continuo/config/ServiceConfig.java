package it.continuo.config;

import java.time.Duration;
import java.util.List;

/**
 * A service of the continuity plan's catalogue ({@code services:}): what the plan promises for it
 * and which jobs keep the promise.
 *
 * @param name its name in the plan, e.g. "Gestionale Uno"
 * @param description what it is, or empty
 * @param criticality "low", "medium", "high" or "critical" (also given in Italian: bassa, media,
 *     alta, critica), or null when not stated
 * @param tier the AgID tier of its technological solution (1 to 4), or 0 when not stated
 * @param rpo the most data, in time, the plan accepts to lose
 * @param rto the longest the plan accepts it to be down
 * @param jobs the jobs whose restore points it relies on, all of them
 * @param replica the replica ({@code replicas:}) that keeps a copy of it on the secondary server,
 *     or null
 * @param runbook the failover runbook that moves it to the secondary server, or null
 */
public record ServiceConfig(
    String name,
    String description,
    String criticality,
    int tier,
    Duration rpo,
    Duration rto,
    List<String> jobs,
    String replica,
    String runbook) {}

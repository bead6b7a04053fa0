package it.continuo.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One service of the plan: its promise and what the evidence says.
 *
 * @param name its name
 * @param description what it is, or ""
 * @param criticality low, medium, high or critical, or null
 * @param tier AgID tier 1-4, or 0 when not given
 * @param rpo the promised RPO
 * @param rto the promised RTO
 * @param jobs the jobs that protect it
 * @param state green, amber or red
 * @param reasons why it is not green (empty when it is), worst first
 * @param verifiedPoint the newest moment to which every job of the service can be restored from a
 *     point verified on every target it relies on, or null when there is none
 * @param achievedRpo generated minus {@code verifiedPoint}, or null when there is none
 * @param targets the same figure for each target on its own
 * @param forecastRestore how long restoring every job of the service would take from its fastest
 *     target with a verified point, from the measured test-restore throughput; null when unknown
 * @param forecastTarget the target that forecast is for, or null
 */
public record ServiceReport(
    String name,
    String description,
    String criticality,
    int tier,
    Duration rpo,
    Duration rto,
    List<String> jobs,
    Rag state,
    List<Finding> reasons,
    Instant verifiedPoint,
    Duration achievedRpo,
    List<TargetRpo> targets,
    Duration forecastRestore,
    String forecastTarget) {

  /**
   * The achieved RPO of a service on one target.
   *
   * @param target the target
   * @param verifiedPoint the newest moment every job of the service on it is verified to, or null
   * @param achievedRpo generated minus that, or null
   * @param state green when within the RPO, red when not or unknown
   */
  public record TargetRpo(String target, Instant verifiedPoint, Duration achievedRpo, Rag state) {}
}

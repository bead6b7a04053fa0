package it.continuo.config;

import java.util.List;

/**
 * A failover runbook ({@code failover.runbooks.NAME}): the ordered steps that move a service from
 * its primary server to its secondary.
 *
 * @param name its key in {@code failover.runbooks}
 * @param service the service of {@code services:} it protects (its RPO and RTO are the targets)
 * @param primary the server the service normally runs on
 * @param secondary the server it moves to
 * @param onFailure what a failed or timed-out step leads to
 * @param steps the steps, in order; at least one
 * @param detection how the primary is watched: the runbook's own, else {@code failover.detection},
 *     else null (not watched)
 */
public record RunbookConfig(
    String name,
    ServiceConfig service,
    HostConfig primary,
    HostConfig secondary,
    OnFailure onFailure,
    List<StepConfig> steps,
    DetectionConfig detection) {

  /** What a failed step leads to. */
  public enum OnFailure {
    /** The steps done so far are undone in reverse order (the default). */
    UNDO,
    /** The run stops where it is, for a person to look at. */
    STOP
  }

  /** Whether the runbook has a {@code fence} step. */
  public boolean fences() {
    return steps.stream().anyMatch(s -> s.action() instanceof StepConfig.Fence);
  }
}

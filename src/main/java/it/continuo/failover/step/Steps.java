package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Step;

/** Makes the step of each kind from its configuration. */
public final class Steps {
  private Steps() {}

  /** The step {@code config} describes. */
  public static Step create(StepConfig config) {
    return switch (config.kind()) {
      case "check-replica" -> new CheckReplicaStep((StepConfig.CheckReplica) config.action());
      case "fence" -> new NotYetStep(config); // the fence engineer's
      case "ssh" -> new SshStep(config);
      case "dns" -> new DnsStep(config);
      case "hosts" -> new NotYetStep(config); // the hosts engineer's
      case "vip" -> new NotYetStep(config); // the vip engineer's
      case "wait", "verify" -> new ProbeStep((StepConfig.Probe) config.action());
      case "notify" -> new NotifyStep((StepConfig.Notify) config.action());
      default -> throw new IllegalArgumentException("unknown step kind " + config.kind());
    };
  }
}

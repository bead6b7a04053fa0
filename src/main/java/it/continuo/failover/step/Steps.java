package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Step;

/** Makes the step of each kind from its configuration. */
public final class Steps {
  private Steps() {}

  /** The step {@code config} describes. */
  public static Step create(StepConfig config) {
    return switch (config.kind()) {
      case "check-replica" -> new NotYetStep(config);
      case "fence" -> FenceStep.of((StepConfig.Fence) config.action());
      case "ssh" -> new NotYetStep(config);
      case "dns" -> new NotYetStep(config);
      case "hosts" -> new HostsStep((StepConfig.Hosts) config.action());
      case "vip" -> new VipStep((StepConfig.Vip) config.action());
      case "wait", "verify" -> new NotYetStep(config);
      case "notify" -> new NotYetStep(config);
      default -> throw new IllegalArgumentException("unknown step kind " + config.kind());
    };
  }
}

package it.continuo.failover.step;

import it.continuo.config.ConfigLoader;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A runbook {@code lab} over the test servers, loaded as the agent loads its file: hosts {@code
 * primario} (127.0.0.2), {@code secondario} (127.0.0.3) and {@code client} (127.0.0.4) with the
 * test key, and the steps given as YAML flow lines.
 */
final class LabRunbook {
  private LabRunbook() {}

  /**
   * @param dir where the config file is written
   * @param env the variables {@code ${env:NAME}} references resolve from
   * @param steps one YAML flow mapping per step, e.g. {@code { vip: {...} }}
   */
  static RunbookConfig load(TestServers servers, Path dir, Map<String, String> env, String... steps)
      throws Exception {
    String keys =
        "user: "
            + servers.sshUser()
            + ", key: "
            + servers.sshKey()
            + ", knownHosts: "
            + servers.knownHosts();
    StringBuilder list = new StringBuilder();
    for (String s : steps) {
      list.append("        - ").append(s).append('\n');
    }
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: secondario, dataDir: %2$s }
        hosts:
          primario: { address: %3$s, port: %4$d, %1$s }
          secondario: { address: %5$s, port: %6$d, %1$s }
          client: { address: %7$s, port: %8$d, %1$s }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs: { uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" } }
        services:
          - { name: Uno, rpo: 1h, rto: 4h, jobs: [uno-nas], runbook: lab }
        failover:
          runbooks:
            lab:
              service: Uno
              primary: primario
              secondary: secondario
              steps:
        %9$s"""
            .formatted(
                keys,
                dir.resolve("data"),
                servers.primary().host(),
                servers.primary().port(),
                servers.secondary().host(),
                servers.secondary().port(),
                servers.client().host(),
                servers.client().port(),
                list));
    return new ConfigLoader(env).load(file).failover().runbook("lab");
  }

  /** The runbook's only step's configuration. */
  static StepConfig onlyStep(RunbookConfig runbook) {
    return runbook.steps().get(0);
  }
}

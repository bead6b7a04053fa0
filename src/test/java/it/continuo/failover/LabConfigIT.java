package it.continuo.failover;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.dns.DnsRepoint;
import it.continuo.failover.dns.DnsServer;
import it.continuo.failover.dns.TsigKey;
import it.continuo.replica.ReplicaChecker;
import it.continuo.testing.TestServers;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code agent-config/lab.yaml} loads with the test servers' env file (as after {@code source
 * "$(scripts/test-env env)"}, from the repository's root) and its plan changes nothing.
 */
@DisplayName("agent-config/lab.yaml")
class LabConfigIT {
  @Test
  @DisplayName("loads: the lab runbook with every step of the drill, and its plan changes nothing")
  void loadsAndPlans() throws Exception {
    TestServers servers = TestServers.requireDns();
    Map<String, String> env = new HashMap<>(servers.variables());
    env.put("PWD", Path.of("").toAbsolutePath().toString());
    Config config = new ConfigLoader(env).load(Path.of("agent-config/lab.yaml"));
    RunbookConfig lab = config.failover().runbook("lab");
    assertThat(lab.steps())
        .extracting(StepConfig::kind)
        .containsExactly(
            "notify", "check-replica", "fence", "ssh", "dns", "hosts", "verify", "notify");
    assertThat(lab.fences()).isTrue();
    assertThat(lab.detection().tcp()).containsExactly("127.0.0.2:8080");
    var dns = (StepConfig.Dns) lab.steps().get(4).action();
    assertThat(dns.server()).isEqualTo("127.0.0.1:" + servers.dns().port());
    assertThat(dns.tsigKey()).isEqualTo(servers.dns().key());
    assertThat(config.services().get(0).runbook()).isEqualTo("lab");

    DnsRepoint named =
        new DnsRepoint(
            new DnsServer("127.0.0.1", servers.dns().port(), Duration.ofSeconds(5)),
            "lab.test",
            TsigKey.read(servers.dns().key()));
    List<InetAddress> before = named.current("uno").addresses();
    RunbookPlan plan =
        Failover.builder(config)
            .replicaGate(new ReplicaChecker(Clock.systemUTC())::check)
            .build()
            .plan("lab");
    assertThat(plan.steps()).hasSize(8);
    assertThat(plan.steps().get(3).changes().get(0).text())
        .contains("secondario answers over SSH; would run:");
    assertThat(named.current("uno").addresses()).isEqualTo(before);
  }
}

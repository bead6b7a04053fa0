package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.TestServers;
import it.continuo.testing.Workspace;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("continuo health with a UPS on the real upsd")
class HealthUpsIT {
  static final String ONLINE = "ups.status: OL CHRG\nbattery.charge: 100\nbattery.runtime: 1800\n";

  @TempDir Path tmp;
  Workspace ws;
  TestServers servers;
  TestServers.Nut nut;

  @BeforeEach
  void workspace() throws Exception {
    servers = TestServers.requireNut();
    nut = servers.nut();
    servers.nut("nut-driver", "start");
    servers.nut("nut-upsd", "start");
    ws = new Workspace(tmp.resolve("ws"));
  }

  @AfterEach
  void online() throws Exception {
    if (servers != null) {
      dev(ONLINE);
    }
  }

  void ups(int port) throws Exception {
    Path secret = tmp.resolve("nut.secret");
    Files.writeString(secret, nut.password());
    Files.writeString(
        ws.config,
        """
        health:
          disk: { warn: 100%%, critical: 100%%, clear: 1%% }
          memory: { warn: 100%%, critical: 100%%, clear: 1%% }
          swap: { warn: 100%%, critical: 100%%, clear: 1%% }
          load: { warn: 1000, critical: 1000 }
          ups:
            sala: { host: %s, port: %d, ups: %s, user: %s, password: "${file:%s}" }
        """
            .formatted(nut.host(), port, nut.ups(), nut.user(), secret),
        StandardOpenOption.APPEND);
  }

  @Test
  @DisplayName("on line power is OK with the battery's figures; on low battery CRITICAL (exit 2)")
  void onLineThenLowBattery() throws Exception {
    ups(nut.port());
    dev(ONLINE);
    CliResult ok = awaitNagios("CONTINUO OK");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("ups_battery_charge_percent").contains("=100");

    dev("ups.status: OB DISCHRG LB\nbattery.charge: 8\nbattery.runtime: 90\n");
    CliResult critical = awaitNagios("CONTINUO CRITICAL");
    assertThat(critical.exitCode()).as(critical.toString()).isEqualTo(2);
    assertThat(critical.out()).contains("low battery");
  }

  @Test
  @DisplayName("a UPS that does not answer is a WARNING at once (exit 1)")
  void unreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ups(closed);

    CliResult r = ws.cli("health", "--format", "nagios");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).startsWith("CONTINUO WARNING").contains("UPS unreachable");
  }

  /** upsd reads the driver's file within about a second: asks until the status line says so. */
  CliResult awaitNagios(String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    CliResult r = null;
    while (System.nanoTime() < deadline) {
      r = ws.cli("health", "--format", "nagios");
      if (r.out().startsWith(status)) {
        return r;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no " + status + " within 20 s; last: " + r);
  }

  private void dev(String variables) throws IOException {
    nut.write(variables);
  }
}

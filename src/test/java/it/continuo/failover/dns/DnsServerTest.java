package it.continuo.failover.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("DnsServer.parse")
class DnsServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @ParameterizedTest(name = "{0} is {1} port {2}")
  @CsvSource({
    "10.0.0.1:53, 10.0.0.1, 53",
    "10.0.0.1, 10.0.0.1, 53",
    "127.0.0.1:5353, 127.0.0.1, 5353",
    "'[::1]:53', ::1, 53",
    "'[::1]:5353', ::1, 5353",
    "'[fd00::1]', fd00::1, 53",
    "fd00::1, fd00::1, 53",
    "ns1.ente.lan:53, ns1.ente.lan, 53",
    "' ns1.ente.lan ', ns1.ente.lan, 53"
  })
  @DisplayName("reads host and port, 53 when none is given")
  void parses(String text, String host, int port) {
    DnsServer server = DnsServer.parse(text, TIMEOUT);
    assertThat(server.host()).isEqualTo(host);
    assertThat(server.port()).isEqualTo(port);
    assertThat(server.timeout()).isEqualTo(TIMEOUT);
  }

  @Test
  @DisplayName("prints itself as host:port, an IPv6 address in brackets")
  void printsHostPort() {
    assertThat(DnsServer.parse("10.0.0.1", TIMEOUT)).hasToString("10.0.0.1:53");
    assertThat(DnsServer.parse("[::1]:5353", TIMEOUT)).hasToString("[::1]:5353");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        ":53",
        "10.0.0.1:",
        "10.0.0.1:dns",
        "10.0.0.1:0",
        "10.0.0.1:65536",
        "[::1",
        "[::1]53",
        "[]:53"
      })
  @DisplayName("refuses what is not host, host:port or [ipv6]:port, quoting it")
  void refuses(String text) {
    assertThatThrownBy(() -> DnsServer.parse(text, TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DNS server \"" + text + "\"");
  }

  @Test
  @DisplayName("refuses a timeout that is not positive")
  void timeout() {
    assertThatThrownBy(() -> DnsServer.parse("10.0.0.1", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
  }
}

package it.continuo.failover.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.failover.dns.DnsRepoint.Lookup;
import it.continuo.failover.dns.DnsRepoint.Result;
import it.continuo.failover.dns.DnsRepoint.Status;
import it.continuo.testing.TestServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Against the named of scripts/test-env. Each test works on a name of its own ({@code
 * it-<random>.lab.test}), created before and deleted after it, so the zone is left as it was found
 * and the lab's {@code uno} is never touched.
 */
@DisplayName("DnsRepoint, against BIND named")
class DnsRepointIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private static final InetAddress PRIMARY = address("127.0.0.2");
  private static final InetAddress SECONDARY = address("127.0.0.3");
  private static final InetAddress THIRD = address("127.0.0.9");

  private TestServers.Dns dns;
  private DnsServer server;
  private TsigKey key;
  private String label;
  private Name name;

  @BeforeEach
  void record() throws Exception {
    dns = TestServers.requireDns().dns();
    server = new DnsServer(dns.host(), dns.port(), TIMEOUT);
    key = TsigKey.read(dns.key());
    label = "it-" + UUID.randomUUID().toString().substring(0, 8);
    name = Name.fromString(label + "." + dns.zone() + ".");
    set(PRIMARY);
  }

  @AfterEach
  void deleteRecord() throws Exception {
    Update update = new Update(Name.fromString(dns.zone() + "."));
    update.delete(name, Type.A);
    signed(update);
    assertThat(query(name)).isEmpty();
  }

  private DnsRepoint repoint() {
    return new DnsRepoint(server, dns.zone(), key);
  }

  @Test
  @DisplayName("repoints the record from the primary to the secondary, as a query confirms")
  void changes() throws Exception {
    Result result = repoint().repoint(label, PRIMARY, SECONDARY, 30);

    assertThat(result.status()).isEqualTo(Status.CHANGED);
    assertThat(result.before()).containsExactly(PRIMARY);
    assertThat(result.after()).containsExactly(SECONDARY);
    assertThat(result.cachedTtlSeconds()).isEqualTo(60);
    assertThat(result.message())
        .isEqualTo(
            name
                + " now points to 127.0.0.3 (was 127.0.0.2) on DNS server "
                + server
                + "; clients may keep the old address for up to 60 s");
    assertThat(query(name)).containsExactly(SECONDARY);
    assertThat(ttl(name)).isEqualTo(30);
  }

  @Test
  @DisplayName("run again, finds the record already repointed and says ALREADY")
  void rerun() throws Exception {
    repoint().repoint(label, PRIMARY, SECONDARY, 60);

    Result again = repoint().repoint(label, PRIMARY, SECONDARY, 60);

    assertThat(again.status()).isEqualTo(Status.ALREADY);
    assertThat(again.after()).containsExactly(SECONDARY);
    assertThat(again.message()).contains("already points to 127.0.0.3");
    assertThat(query(name)).containsExactly(SECONDARY);
  }

  @Test
  @DisplayName("changes nothing when someone else pointed the record elsewhere meanwhile")
  void changedByOthers() throws Exception {
    set(THIRD);

    Result result = repoint().repoint(label, PRIMARY, SECONDARY, 60);

    assertThat(result.status()).isEqualTo(Status.REFUSED_CHANGED_BY_OTHERS);
    assertThat(result.after()).containsExactly(THIRD);
    assertThat(result.message())
        .isEqualTo(
            name
                + " was not changed: it should point to 127.0.0.2 but DNS server "
                + server
                + " holds 127.0.0.9 (changed by someone else?)");
    assertThat(query(name)).containsExactly(THIRD);
  }

  @Test
  @DisplayName("changes nothing when the record holds the primary and another address")
  void notExactlyFrom() throws Exception {
    set(PRIMARY, THIRD);

    Result result = repoint().repoint(label, PRIMARY, SECONDARY, 60);

    assertThat(result.status()).isEqualTo(Status.REFUSED_CHANGED_BY_OTHERS);
    assertThat(query(name)).containsExactlyInAnyOrder(PRIMARY, THIRD);
  }

  @Test
  @DisplayName("changes nothing when the record was deleted")
  void deleted() throws Exception {
    Update update = new Update(Name.fromString(dns.zone() + "."));
    update.delete(name, Type.A);
    signed(update);

    Result result = repoint().repoint(label, PRIMARY, SECONDARY, 60);

    assertThat(result.status()).isEqualTo(Status.REFUSED_CHANGED_BY_OTHERS);
    assertThat(result.after()).isEmpty();
    assertThat(result.message()).contains("holds no A record");
    assertThat(query(name)).isEmpty();
  }

  @Test
  @DisplayName("undoes a repoint with the addresses swapped (failback)")
  void undo() throws Exception {
    repoint().repoint(label, PRIMARY, SECONDARY, 60);

    Result back = repoint().repoint(label, SECONDARY, PRIMARY, 60);

    assertThat(back.status()).isEqualTo(Status.CHANGED);
    assertThat(back.before()).containsExactly(SECONDARY);
    assertThat(query(name)).containsExactly(PRIMARY);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", ".lab.test", ".lab.test."})
  @DisplayName("takes the name relative to the zone or absolute, with or without the final dot")
  void names(String suffix) throws Exception {
    String given = label + suffix.replace("lab.test", dns.zone());

    assertThat(repoint().current(given)).isEqualTo(new Lookup(List.of(PRIMARY), 60));
    assertThat(repoint().repoint(given, PRIMARY, SECONDARY, 60).status()).isEqualTo(Status.CHANGED);
    assertThat(query(name)).containsExactly(SECONDARY);
  }

  @Test
  @DisplayName("finds no address for a name that does not exist, without error")
  void nxdomain() throws Exception {
    assertThat(repoint().current("absent-" + label)).isEqualTo(new Lookup(List.of(), 0));
  }

  @Test
  @DisplayName("refuses a name outside the zone")
  void outsideZone() {
    assertThatThrownBy(() -> repoint().repoint("uno.example.org.", PRIMARY, SECONDARY, 60))
        .isInstanceOf(DnsException.class)
        .hasMessage("uno.example.org. is not in zone " + dns.zone() + ".");
  }

  @Nested
  @DisplayName("fails clearly, changing nothing,")
  class Failures {
    @Test
    @DisplayName("with a wrong secret (BADSIG)")
    void wrongSecret() throws Exception {
      byte[] secret = key.secret();
      secret[0] ^= 1;
      TsigKey wrong = new TsigKey(key.name(), key.algorithm(), secret);

      assertThatThrownBy(
              () ->
                  new DnsRepoint(server, dns.zone(), wrong).repoint(label, PRIMARY, SECONDARY, 60))
          .isInstanceOf(DnsException.class)
          .hasMessage(
              "DNS server "
                  + server
                  + " rejected the update: the signature of TSIG key "
                  + key.name()
                  + " does not match (wrong secret?) (BADSIG)")
          .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isTransient()).isFalse());
      assertThat(query(name)).containsExactly(PRIMARY);
    }

    @Test
    @DisplayName("with a key the server does not know (BADKEY)")
    void unknownKey() throws Exception {
      TsigKey other = new TsigKey("other-key", key.algorithm(), key.secret());

      assertThatThrownBy(
              () ->
                  new DnsRepoint(server, dns.zone(), other).repoint(label, PRIMARY, SECONDARY, 60))
          .isInstanceOf(DnsException.class)
          .hasMessage(
              "DNS server "
                  + server
                  + " rejected the update: TSIG key other-key is not accepted (BADKEY)");
      assertThat(query(name)).containsExactly(PRIMARY);
    }

    @Test
    @DisplayName("with a missing key file, naming it")
    void missingKeyFile(@TempDir java.nio.file.Path dir) {
      java.nio.file.Path missing = dir.resolve("ddns.key");
      assertThatThrownBy(() -> TsigKey.read(missing))
          .isInstanceOf(DnsException.class)
          .hasMessage("TSIG key file " + missing + " does not exist");
    }

    @Test
    @DisplayName("when the server is unreachable (a closed port), within the timeout")
    void unreachable() throws Exception {
      int closed;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = socket.getLocalPort();
      }
      DnsServer nobody = new DnsServer("127.0.0.1", closed, TIMEOUT);
      long start = System.nanoTime();

      assertThatThrownBy(
              () -> new DnsRepoint(nobody, dns.zone(), key).repoint(label, PRIMARY, SECONDARY, 60))
          .isInstanceOf(DnsException.class)
          .hasMessageStartingWith("DNS server 127.0.0.1:" + closed + " is unreachable")
          .hasMessageEndingWith("for the query for " + name)
          .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isTransient()).isTrue());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    }

    @Test
    @DisplayName("when the server accepts the connection but never answers, after the timeout")
    void silent() throws Exception {
      Duration timeout = Duration.ofSeconds(1);
      List<Socket> accepted = new ArrayList<>();
      try (ServerSocket silent = new ServerSocket()) {
        silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor =
            new Thread(
                () -> {
                  try {
                    accepted.add(silent.accept());
                  } catch (java.io.IOException e) {
                    // closed at the end of the test
                  }
                });
        acceptor.setDaemon(true);
        acceptor.start();
        DnsServer mute = new DnsServer("127.0.0.1", silent.getLocalPort(), timeout);
        long start = System.nanoTime();

        assertThatThrownBy(() -> new DnsRepoint(mute, dns.zone(), key).current(label))
            .isInstanceOf(DnsException.class)
            .hasMessage(
                "DNS server " + mute + " did not answer the query for " + name + " within 1000 ms")
            .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isBetween(timeout.minusMillis(100), timeout.plusSeconds(2));
      } finally {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }

  /** Sets the test's record to exactly these addresses, TTL 60, with the zone's key. */
  private void set(InetAddress... addresses) throws Exception {
    Update update = new Update(Name.fromString(dns.zone() + "."));
    update.delete(name, Type.A);
    for (InetAddress address : addresses) {
      update.add(new ARecord(name, DClass.IN, 60, address));
    }
    signed(update);
    assertThat(query(name)).containsExactlyInAnyOrder(addresses);
  }

  private void signed(Update update) throws Exception {
    SimpleResolver resolver = resolver();
    resolver.setTSIGKey(key.signer());
    Message answer = resolver.send(update);
    assertThat(Rcode.string(answer.getRcode())).isEqualTo("NOERROR");
  }

  /** The A records of a name, asked over UDP apart from the code under test. */
  private List<InetAddress> query(Name of) throws Exception {
    List<InetAddress> found = new ArrayList<>();
    for (Record record : answer(of).getSection(Section.ANSWER)) {
      if (record instanceof ARecord a) {
        found.add(a.getAddress());
      }
    }
    return found;
  }

  private long ttl(Name of) throws Exception {
    return answer(of).getSection(Section.ANSWER).get(0).getTTL();
  }

  private Message answer(Name of) throws Exception {
    return resolver().send(Message.newQuery(Record.newRecord(of, Type.A, DClass.IN)));
  }

  private SimpleResolver resolver() throws Exception {
    SimpleResolver resolver = new SimpleResolver(dns.host());
    resolver.setPort(dns.port());
    resolver.setTimeout(TIMEOUT);
    return resolver;
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}

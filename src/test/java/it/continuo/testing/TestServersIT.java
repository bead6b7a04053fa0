package it.continuo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SocketFactory;
import it.continuo.testing.TestServers.SshHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@DisplayName("The test servers that scripts/test-env runs")
class TestServersIT {
  private static final int TIMEOUT_MILLIS = 10_000;

  private static TestServers servers;

  @BeforeEach
  void servers() {
    servers = TestServers.require();
  }

  static Stream<Arguments> logins() {
    List<Arguments> all = new ArrayList<>();
    for (String role : List.of("primary", "secondary")) {
      for (String key : List.of("ed25519", "rsa")) {
        for (String knownHosts : List.of("plain", "hashed")) {
          all.add(Arguments.of(role, key, knownHosts));
        }
      }
    }
    return all.stream();
  }

  private static SshHost host(String role) {
    return role.equals("primary") ? servers.primary() : servers.secondary();
  }

  private static Session session(SshHost host, Path key, Path knownHosts) throws JSchException {
    JSch jsch = new JSch();
    jsch.addIdentity(key.toString());
    jsch.setKnownHosts(knownHosts.toString());
    Session session = jsch.getSession(servers.sshUser(), host.host(), host.port());
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("PreferredAuthentications", "publickey");
    return session;
  }

  private static String exec(Session session, String command) throws Exception {
    ChannelExec channel = (ChannelExec) session.openChannel("exec");
    channel.setCommand(command);
    InputStream out = channel.getInputStream();
    channel.connect(TIMEOUT_MILLIS);
    String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    channel.disconnect();
    return text;
  }

  @Nested
  @DisplayName("each SSH host")
  class SshHosts {
    @ParameterizedTest(name = "{0} host, {1} client key, {2} known_hosts")
    @MethodSource("it.continuo.testing.TestServersIT#logins")
    @DisplayName("lets the client log in with either key, its host key checked against known_hosts")
    void logsIn(String role, String keyType, String knownHostsKind) throws Exception {
      Path key = keyType.equals("rsa") ? servers.sshRsaKey() : servers.sshKey();
      Path knownHosts =
          knownHostsKind.equals("hashed") ? servers.knownHostsHashed() : servers.knownHosts();
      Session session = session(host(role), key, knownHosts);
      try {
        session.connect(TIMEOUT_MILLIS);
        assertThat(exec(session, "echo ok")).isEqualTo("ok\n");
      } finally {
        session.disconnect();
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"primary", "secondary"})
    @DisplayName("presents the ed25519 host key whose fingerprint the env file gives")
    void ed25519HostKey(String role) throws Exception {
      SshHost host = host(role);
      Session session = session(host, servers.sshKey(), servers.knownHosts());
      session.setConfig("server_host_key", "ssh-ed25519");
      try {
        session.connect(TIMEOUT_MILLIS);
        assertThat(session.getHostKey().getType()).isEqualTo("ssh-ed25519");
        assertThat(session.getHostKey().getFingerPrint(new JSch())).isEqualTo(host.fingerprint());
      } finally {
        session.disconnect();
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"primary", "secondary"})
    @DisplayName("presents an RSA host key too, which known_hosts also holds")
    void rsaHostKey(String role) throws Exception {
      Session session = session(host(role), servers.sshKey(), servers.knownHostsHashed());
      session.setConfig("server_host_key", "rsa-sha2-512,rsa-sha2-256");
      try {
        session.connect(TIMEOUT_MILLIS);
        assertThat(session.getHostKey().getType()).isEqualTo("ssh-rsa");
      } finally {
        session.disconnect();
      }
    }

    @Test
    @DisplayName("the two hosts have different host keys")
    void distinctHostKeys() {
      assertThat(servers.primary().fingerprint()).isNotEqualTo(servers.secondary().fingerprint());
    }

    @Test
    @DisplayName("is refused when known_hosts holds the other host's keys under its name")
    void otherHostsKeyRefused(@TempDir Path dir) throws Exception {
      SshHost primary = servers.primary();
      SshHost secondary = servers.secondary();
      String primaryName = "[" + primary.host() + "]:" + primary.port();
      String secondaryName = "[" + secondary.host() + "]:" + secondary.port();
      List<String> impostor =
          Files.readAllLines(servers.knownHosts()).stream()
              .filter(line -> line.startsWith(secondaryName + " "))
              .map(line -> primaryName + line.substring(secondaryName.length()))
              .collect(Collectors.toList());
      assertThat(impostor).hasSize(2);
      Path knownHosts = Files.write(dir.resolve("known_hosts"), impostor);

      Session session = session(primary, servers.sshKey(), knownHosts);
      assertThatThrownBy(() -> session.connect(TIMEOUT_MILLIS))
          .isInstanceOf(JSchException.class)
          .hasMessageContaining("HostKey has been changed");
      assertThat(session.isConnected()).isFalse();
    }

    @Test
    @DisplayName("refuses password login: it offers public-key authentication only")
    void noPasswords() throws Exception {
      JSch jsch = new JSch();
      jsch.setKnownHosts(servers.knownHosts().toString());
      Session session =
          jsch.getSession(servers.sshUser(), servers.primary().host(), servers.primary().port());
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", "password,keyboard-interactive");
      session.setPassword("not-the-password");

      assertThatThrownBy(() -> session.connect(TIMEOUT_MILLIS))
          .isInstanceOf(JSchException.class)
          .hasMessage("Auth fail for methods 'publickey'");
      assertThat(session.isConnected()).isFalse();
    }

    @Test
    @DisplayName("serves SFTP: a file put over SFTP lands under the SFTP root")
    void sftp() throws Exception {
      String name = "test-servers-it-" + UUID.randomUUID();
      Path remote = servers.sftpRoot().resolve(name);
      Session session = session(servers.secondary(), servers.sshKey(), servers.knownHosts());
      try {
        session.connect(TIMEOUT_MILLIS);
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(TIMEOUT_MILLIS);
        sftp.put(
            new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)),
            remote.toString());
        sftp.disconnect();
        assertThat(remote).hasContent("hello");
      } finally {
        session.disconnect();
        Files.deleteIfExists(remote);
      }
    }

    @Test
    @DisplayName(
        "names the sshd serving a session, among its children; killing it cuts the session")
    void sshdServing() throws Exception {
      SshHost primary = servers.primary();
      Session session = session(primary, servers.sshKey(), servers.knownHosts());
      List<Socket> sockets = new ArrayList<>();
      session.setSocketFactory(recordingInto(sockets));
      try {
        session.connect(TIMEOUT_MILLIS);
        assertThat(exec(session, "echo ok")).isEqualTo("ok\n");
        Optional<Long> serving = servers.sshdServing(primary, sockets.get(0).getLocalPort());

        assertThat(serving).isPresent();
        assertThat(servers.sshdChildren(primary)).contains(serving.get());
        assertThat(servers.sshdChildren(servers.secondary())).doesNotContain(serving.get());

        ProcessHandle.of(serving.get()).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(disconnectedWithin(session, 5000)).isTrue();
      } finally {
        session.disconnect();
      }
    }

    @Test
    @DisplayName("names no sshd for a port that no connection of its uses")
    void sshdServingNone() throws Exception {
      assertThat(servers.sshdServing(servers.primary(), 1)).isEmpty();
    }
  }

  @Nested
  @DisplayName("the client SSH host")
  class ClientHost {
    @BeforeEach
    void client() {
      servers = TestServers.requireClient();
    }

    @ParameterizedTest(name = "{0} client key, {1} known_hosts")
    @CsvSource({"ed25519, plain", "ed25519, hashed", "rsa, plain", "rsa, hashed"})
    @DisplayName("lets the client log in, its host key checked against known_hosts")
    void logsIn(String keyType, String knownHostsKind) throws Exception {
      Path key = keyType.equals("rsa") ? servers.sshRsaKey() : servers.sshKey();
      Path knownHosts =
          knownHostsKind.equals("hashed") ? servers.knownHostsHashed() : servers.knownHosts();
      Session session = session(servers.client(), key, knownHosts);
      session.setConfig("server_host_key", "ssh-ed25519");
      try {
        session.connect(TIMEOUT_MILLIS);
        assertThat(exec(session, "echo ok")).isEqualTo("ok\n");
        assertThat(session.getHostKey().getFingerPrint(new JSch()))
            .isEqualTo(servers.client().fingerprint());
      } finally {
        session.disconnect();
      }
    }
  }

  @Nested
  @DisplayName("named")
  class Named {
    private TestServers.Dns dns;

    @BeforeEach
    void named() {
      dns = TestServers.requireDns().dns();
    }

    private Message ask(Message request) throws IOException {
      SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(dns.host(), dns.port()));
      resolver.setTimeout(Duration.ofSeconds(5));
      return resolver.send(request);
    }

    @Test
    @DisplayName("answers with authority for its zone, and has the name uno")
    void authoritative() throws Exception {
      Name zone = Name.fromString(dns.zone() + ".");
      Message soa = ask(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
      assertThat(soa.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(soa.getHeader().getFlag(Flags.AA)).isTrue();
      Message uno =
          ask(Message.newQuery(Record.newRecord(Name.fromString("uno", zone), Type.A, DClass.IN)));
      assertThat(uno.getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    @DisplayName("refuses an update that the zone's TSIG key does not sign")
    void unsignedUpdateRefused() throws Exception {
      Name zone = Name.fromString(dns.zone() + ".");
      Update update = new Update(zone);
      update.add(Name.fromString("unsigned", zone), Type.A, 60, "127.0.0.9");
      assertThat(ask(update).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    @DisplayName("runs as the process the env file names, with the key file it names")
    void pidAndKey() throws Exception {
      assertThat(TestServers.running(dns.pid())).isTrue();
      assertThat(Files.readString(dns.key())).contains("algorithm hmac-sha256;");
    }
  }

  @Nested
  @DisplayName("S3Proxy")
  class S3Proxy {
    private S3Client client(String secret) {
      TestServers.S3 s3 = servers.s3();
      return S3Client.builder()
          .endpointOverride(s3.endpoint())
          .region(Region.of(s3.region()))
          .forcePathStyle(true)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)))
          .httpClient(ApacheHttpClient.create())
          .build();
    }

    private S3Client client() {
      return client(servers.s3().secretKey());
    }

    @Test
    @DisplayName("stores, lists and returns an object, keeping it under its data directory")
    void putListGet() {
      String bucket = servers.s3().bucket();
      String key = "test-servers-it/" + UUID.randomUUID();
      byte[] body = randomBytes(100_000);
      try (S3Client s3 = client()) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("test-servers-it/")).contents())
            .extracting(S3Object::key)
            .contains(key);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray())
            .isEqualTo(body);
        assertThat(servers.s3().dataDir().resolve(bucket).resolve(key)).hasBinaryContent(body);

        s3.deleteObject(b -> b.bucket(bucket).key(key));
      }
    }

    @Test
    @DisplayName("refuses a request signed with a wrong secret (403)")
    void wrongSecret() {
      String bucket = servers.s3().bucket();
      try (S3Client s3 = client(servers.s3().secretKey() + "x")) {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket)))
            .isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
      }
    }

    @Test
    @DisplayName("restartS3 gives a new S3Proxy process on the same port, with the same objects")
    void restart() throws Exception {
      String bucket = servers.s3().bucket();
      String key = "test-servers-it/restart-" + UUID.randomUUID();
      byte[] body = randomBytes(10_000);
      long pidBefore = servers.s3Pid();
      try (S3Client s3 = client()) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
      }

      servers.restartS3();

      assertThat(servers.s3Pid()).isNotEqualTo(pidBefore);
      assertThat(TestServers.running(pidBefore)).as("the old S3Proxy process still runs").isFalse();
      try (S3Client s3 = client()) {
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray())
            .isEqualTo(body);
        s3.deleteObject(b -> b.bucket(bucket).key(key));
      }
    }
  }

  @Nested
  @DisplayName("DroppingProxy, in front of an SSH host")
  class Dropping {
    private Session throughProxy(DroppingProxy proxy) throws JSchException {
      SshHost primary = servers.primary();
      JSch jsch = new JSch();
      jsch.addIdentity(servers.sshKey().toString());
      jsch.setKnownHosts(servers.knownHosts().toString());
      Session session = jsch.getSession(servers.sshUser(), "127.0.0.1", proxy.port());
      // the proxy's address is not in known_hosts: check the key the primary host should present
      session.setHostKeyAlias("[" + primary.host() + "]:" + primary.port());
      session.setConfig("StrictHostKeyChecking", "yes");
      return session;
    }

    @Test
    @DisplayName("forwards a session both ways and counts the bytes sent upstream")
    void forwards() throws Exception {
      SshHost primary = servers.primary();
      try (DroppingProxy proxy = new DroppingProxy(primary.host(), primary.port())) {
        Session session = throughProxy(proxy);
        try {
          session.connect(TIMEOUT_MILLIS);
          assertThat(exec(session, "echo ok")).isEqualTo("ok\n");
        } finally {
          session.disconnect();
        }
        assertThat(proxy.connections()).isEqualTo(1);
        assertThat(proxy.bytesUpstream()).isPositive();
      }
    }

    @Test
    @DisplayName("cuts the session that crosses N bytes upstream, once; the session notices")
    void cutsOnce() throws Exception {
      SshHost primary = servers.primary();
      Path remote = servers.sftpRoot().resolve("test-servers-it-cut-" + UUID.randomUUID());
      try (DroppingProxy proxy = new DroppingProxy(primary.host(), primary.port())) {
        Session session = throughProxy(proxy);
        try {
          session.connect(TIMEOUT_MILLIS);
          long atStart = proxy.bytesUpstream();
          proxy.dropAfter(200_000);
          // SFTP, as the SFTP target uploads: it waits for the server's answers, so it notices.
          // (Bytes written to a bare exec channel of a dead JSch session are dropped silently.)
          ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
          sftp.connect(TIMEOUT_MILLIS);
          assertThatThrownBy(
                  () -> sftp.put(new ByteArrayInputStream(randomBytes(4 << 20)), remote.toString()))
              .isInstanceOf(SftpException.class);
          assertThat(disconnectedWithin(session, 5000)).isTrue();
          assertThat(proxy.bytesUpstream() - atStart).isEqualTo(200_000);
        } finally {
          session.disconnect();
        }

        Session again = throughProxy(proxy);
        try {
          again.connect(TIMEOUT_MILLIS);
          assertThat(exec(again, "head -c 300000 /dev/zero | wc -c")).isEqualTo("300000\n");
          ChannelExec channel = (ChannelExec) again.openChannel("exec");
          channel.setCommand("wc -c");
          InputStream out = channel.getInputStream();
          OutputStream in = channel.getOutputStream();
          channel.connect(TIMEOUT_MILLIS);
          in.write(randomBytes(300_000));
          in.close();
          assertThat(new String(out.readAllBytes(), StandardCharsets.UTF_8).strip())
              .isEqualTo("300000");
        } finally {
          again.disconnect();
        }
        assertThat(proxy.connections()).isEqualTo(2);
      } finally {
        Files.deleteIfExists(remote);
      }
    }
  }

  private static boolean disconnectedWithin(Session session, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (session.isConnected() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    return !session.isConnected();
  }

  /** Plain sockets, as JSch makes by default, each recorded so a test can learn its port. */
  private static SocketFactory recordingInto(List<Socket> sockets) {
    return new SocketFactory() {
      @Override
      public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        sockets.add(socket);
        return socket;
      }

      @Override
      public InputStream getInputStream(Socket socket) throws IOException {
        return socket.getInputStream();
      }

      @Override
      public OutputStream getOutputStream(Socket socket) throws IOException {
        return socket.getOutputStream();
      }
    };
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }
}

package it.continuo.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers that {@code scripts/test-env start} runs on loopback: three OpenSSH hosts
 * (primary, secondary and client), S3Proxy, PostgreSQL, NUT and BIND named, read from the env file
 * it writes ({@code $CONTINUO_TEST_ENV_FILE}, else {@code work/test-env/env} under the working
 * directory).
 *
 * <p>{@link #require()} checks that sshd primary and secondary and S3Proxy answer, {@link
 * #requirePostgres()} that PostgreSQL does (it may run alone: {@code scripts/test-env start
 * postgres}), {@link #requireNut()}, {@link #requireDns()} and {@link #requireClient()} the same
 * for upsd, named and the client sshd; when one does not, the test is skipped locally and fails in
 * CI ({@code CI=true}), where a missing server must never pass unnoticed.
 */
public final class TestServers {
  /** The env var naming the env file that {@code scripts/test-env start} writes. */
  public static final String ENV_FILE_VARIABLE = "CONTINUO_TEST_ENV_FILE";

  private static final int CONNECT_TIMEOUT_MILLIS = 1000;

  /** One OpenSSH server: where it listens, its listener's PID, its ed25519 host key fingerprint. */
  public record SshHost(String host, int port, long pid, String fingerprint) {}

  /** The S3Proxy server, its credentials, the bucket the tests use and where it keeps objects. */
  public record S3(
      URI endpoint,
      String region,
      String accessKey,
      String secretKey,
      String bucket,
      Path dataDir) {}

  /** The PostgreSQL server: the JDBC URL of its test database, and a user who owns it. */
  public record Postgres(String url, String user, String password) {
    @Override
    public String toString() {
      return "Postgres[" + url + ", user " + user + "]"; // never the password
    }
  }

  /**
   * The NUT upsd with its dummy-ups driver: where it listens, the UPS, a user allowed to log in,
   * and the {@code .dev} file the driver reads its variables from.
   */
  public record Nut(String host, int port, String ups, String user, String password, Path dev) {
    @Override
    public String toString() {
      return "Nut[" + ups + "@" + host + ":" + port + ", user " + user + "]"; // never the password
    }

    /**
     * Rewrites the driver's {@code .dev} file with {@code variables} (lines {@code name: value})
     * beside a fixed maker, model, load and voltage. dummy-ups notices a change by the file's
     * modification time in whole seconds, so the new file is dated at least a second after the one
     * it replaces, whoever wrote that one. upsd shows it within about a second.
     *
     * @return when it was written
     */
    public java.time.Instant write(String variables) throws IOException {
      java.time.Instant now = java.time.Instant.now();
      java.time.Instant mtime = now;
      if (java.nio.file.Files.exists(dev)) {
        java.time.Instant previous =
            java.nio.file.Files.getLastModifiedTime(dev).toInstant().plusSeconds(1);
        mtime = previous.isAfter(now) ? previous : now;
      }
      Path tmp = dev.resolveSibling(dev.getFileName() + ".tmp");
      java.nio.file.Files.writeString(
          tmp,
          "ups.mfr: Continuo\nups.model: Test UPS\nups.load: 23\ninput.voltage: 230.0\n"
              + variables,
          java.nio.charset.StandardCharsets.UTF_8);
      java.nio.file.Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.from(mtime));
      java.nio.file.Files.move(
          tmp,
          dev,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return now;
    }
  }

  /**
   * BIND named, authoritative for {@code zone} (lab.test), which only the TSIG key in {@code key}
   * (a BIND key file, as {@code tsig-keygen} writes it) may update.
   */
  public record Dns(String host, int port, String zone, Path key, long pid) {}

  private final Path envFile;
  private volatile Map<String, String> env;

  private TestServers(Path envFile, Map<String, String> env) {
    this.envFile = envFile;
    this.env = env;
  }

  /**
   * The running test servers; skips the calling test (fails it in CI) when the env file is missing
   * or a server does not answer.
   */
  public static TestServers require() {
    return require(
        servers -> {
          servers.checkAnswers(servers.primary().host(), servers.primary().port(), "sshd primary");
          servers.checkAnswers(
              servers.secondary().host(), servers.secondary().port(), "sshd secondary");
          URI s3 = servers.s3().endpoint();
          servers.checkAnswers(s3.getHost(), s3.getPort(), "S3Proxy");
        });
  }

  /**
   * The running test servers with PostgreSQL; skips the calling test (fails it in CI) when the env
   * file is missing, names no PostgreSQL, or PostgreSQL does not answer.
   */
  public static TestServers requirePostgres() {
    return require(
        servers -> {
          URI url = URI.create(servers.postgres().url().substring("jdbc:".length()));
          servers.checkAnswers(url.getHost(), url.getPort(), "PostgreSQL");
        });
  }

  /**
   * The running test servers with NUT's upsd; skips the calling test (fails it in CI) when the env
   * file is missing, names no upsd, or upsd does not answer.
   */
  public static TestServers requireNut() {
    return require(
        servers -> servers.checkAnswers(servers.nut().host(), servers.nut().port(), "NUT upsd"));
  }

  /**
   * The running test servers with named; skips the calling test (fails it in CI) when the env file
   * is missing, names no named, or named does not answer (on TCP).
   */
  public static TestServers requireDns() {
    return require(
        servers -> servers.checkAnswers(servers.dns().host(), servers.dns().port(), "named"));
  }

  /**
   * The running test servers with the client SSH host; skips the calling test (fails it in CI) when
   * the env file is missing, names no client host, or its sshd does not answer.
   */
  public static TestServers requireClient() {
    return require(
        servers ->
            servers.checkAnswers(servers.client().host(), servers.client().port(), "sshd client"));
  }

  /** Checks that one server of the env file answers; throws when it does not. */
  @FunctionalInterface
  private interface Check {
    void answers(TestServers servers) throws IOException;
  }

  /**
   * The running test servers after {@code check}; skips the calling test (fails it in CI) when the
   * env file is missing or the check fails.
   */
  private static TestServers require(Check check) {
    Path envFile = envFile();
    if (!Files.isRegularFile(envFile)) {
      return unavailable("no env file " + envFile);
    }
    TestServers servers;
    try {
      servers = new TestServers(envFile, parse(envFile));
      check.answers(servers);
    } catch (IOException | RuntimeException e) {
      return unavailable(e.getMessage());
    }
    return servers;
  }

  /** The env file: {@code $CONTINUO_TEST_ENV_FILE}, else {@code work/test-env/env}. */
  public static Path envFile() {
    String named = System.getenv(ENV_FILE_VARIABLE);
    Path file =
        named == null || named.isBlank() ? Path.of("work", "test-env", "env") : Path.of(named);
    return file.toAbsolutePath().normalize();
  }

  private static TestServers unavailable(String why) {
    String message =
        "test servers unavailable: "
            + why
            + "; run scripts/test-env start (or set "
            + ENV_FILE_VARIABLE
            + " to the env file it prints)";
    if (Shell.inCi()) {
      return Assertions.fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private void checkAnswers(String host, int port, String what) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new IllegalStateException(what + " does not answer on " + host + ":" + port + ": " + e);
    }
  }

  /** Parses {@code export NAME=value} lines; values may be single- or double-quoted. */
  static Map<String, String> parse(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }

  private String get(String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(envFile + " does not define " + name);
    }
    return value;
  }

  private SshHost sshHost(String role) {
    String prefix = "CONTINUO_TEST_SSH_" + role + "_";
    return new SshHost(
        get(prefix + "HOST"),
        Integer.parseInt(get(prefix + "PORT")),
        Long.parseLong(get(prefix + "PID")),
        get(prefix + "FINGERPRINT"));
  }

  /** The env file these servers were read from. */
  /** Every variable of the env file, as {@code source}-ing it would set them. */
  public Map<String, String> variables() throws IOException {
    return parse(envFilePath());
  }

  public Path envFilePath() {
    return envFile;
  }

  /** The primary SSH host, 127.0.0.2:2222. */
  public SshHost primary() {
    return sshHost("PRIMARY");
  }

  /** The secondary SSH host, 127.0.0.3:2222: same user and keys, its own host keys. */
  public SshHost secondary() {
    return sshHost("SECONDARY");
  }

  /**
   * The client SSH host, 127.0.0.4:2222: a client machine whose files (a hosts file) failover
   * rewrites; same user and keys, its own host keys.
   */
  public SshHost client() {
    return sshHost("CLIENT");
  }

  /** The login user on every SSH host (whoever ran {@code scripts/test-env start}). */
  public String sshUser() {
    return get("CONTINUO_TEST_SSH_USER");
  }

  /** The client's ed25519 private key (OpenSSH format, no passphrase). */
  public Path sshKey() {
    return Path.of(get("CONTINUO_TEST_SSH_KEY"));
  }

  /** The client's RSA 3072 private key (PEM, no passphrase). */
  public Path sshRsaKey() {
    return Path.of(get("CONTINUO_TEST_SSH_RSA_KEY"));
  }

  /**
   * A client key both hosts accept for SFTP only ({@code restrict,command="internal-sftp"} in
   * authorized_keys), beside {@link #sshKey()}; empty when the servers were started by a {@code
   * scripts/test-env} that did not make it yet.
   */
  public Optional<Path> sftpOnlyKey() {
    Path key = sshKey().resolveSibling("id_sftp_only");
    return Files.isReadable(key) ? Optional.of(key) : Optional.empty();
  }

  /** Every host's ed25519 and RSA keys, as {@code [127.0.0.2]:2222 ssh-ed25519 AAAA...} lines. */
  public Path knownHosts() {
    return Path.of(get("CONTINUO_TEST_SSH_KNOWN_HOSTS"));
  }

  /** The same entries as {@link #knownHosts()}, with hashed host names. */
  public Path knownHostsHashed() {
    return Path.of(get("CONTINUO_TEST_SSH_KNOWN_HOSTS_HASHED"));
  }

  /** A directory SFTP sessions on either host may write (both hosts share this file system). */
  public Path sftpRoot() {
    return Path.of(get("CONTINUO_TEST_SFTP_ROOT"));
  }

  /** The S3Proxy endpoint, credentials and bucket. */
  public S3 s3() {
    return new S3(
        URI.create(get("CONTINUO_TEST_S3_ENDPOINT")),
        get("CONTINUO_TEST_S3_REGION"),
        get("CONTINUO_TEST_S3_ACCESS_KEY"),
        get("CONTINUO_TEST_S3_SECRET_KEY"),
        get("CONTINUO_TEST_S3_BUCKET"),
        Path.of(get("CONTINUO_TEST_S3_DATA_DIR")));
  }

  /** The PostgreSQL server, 127.0.0.1:15432, and its database continuo_test. */
  public Postgres postgres() {
    return new Postgres(
        get("CONTINUO_TEST_PG_URL"),
        get("CONTINUO_TEST_PG_USER"),
        get("CONTINUO_TEST_PG_PASSWORD"));
  }

  /** NUT's upsd, 127.0.0.1:3493 unless moved, and its UPS continuo-test. */
  public Nut nut() {
    return new Nut(
        get("CONTINUO_TEST_NUT_HOST"),
        Integer.parseInt(get("CONTINUO_TEST_NUT_PORT")),
        get("CONTINUO_TEST_NUT_UPS"),
        get("CONTINUO_TEST_NUT_USER"),
        get("CONTINUO_TEST_NUT_PASSWORD"),
        Path.of(get("CONTINUO_TEST_NUT_DEV")));
  }

  /** BIND named, 127.0.0.1:5353 unless moved, and its zone lab.test. */
  public Dns dns() {
    return new Dns(
        get("CONTINUO_TEST_DNS_HOST"),
        Integer.parseInt(get("CONTINUO_TEST_DNS_PORT")),
        get("CONTINUO_TEST_DNS_ZONE"),
        Path.of(get("CONTINUO_TEST_DNS_KEY")),
        Long.parseLong(get("CONTINUO_TEST_DNS_PID")));
  }

  /**
   * Stops or starts NUT's dummy-ups driver or upsd alone ({@code scripts/test-env
   * nut-driver|nut-upsd stop|start}); starting returns when the part runs (upsd: when it answers).
   *
   * @param part "nut-driver" or "nut-upsd"
   * @param action "stop" or "start"
   */
  public void nut(String part, String action) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", script().toString(), part, action);
    pb.environment().put("CONTINUO_TEST_ENV_DIR", envFile.getParent().toString());
    pb.environment().put("CONTINUO_TEST_NUT_PORT", Integer.toString(nut().port()));
    CliResult result = Workspace.run(pb, 60);
    if (result.exitCode() != 0) {
      throw new AssertionError("scripts/test-env " + part + " " + action + " failed:\n" + result);
    }
  }

  /** S3Proxy's PID, read afresh from the env file (a restart changes it). */
  public long s3Pid() {
    try {
      env = parse(envFile);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + envFile, e);
    }
    return Long.parseLong(get("CONTINUO_TEST_S3_PID"));
  }

  /**
   * Stops S3Proxy and starts it again on the same port and data directory ({@code scripts/test-env
   * restart-s3}), and returns when it answers again.
   */
  public void restartS3() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", script().toString(), "restart-s3");
    pb.environment().put("CONTINUO_TEST_ENV_DIR", envFile.getParent().toString());
    CliResult result = Workspace.run(pb, 120);
    if (result.exitCode() != 0) {
      throw new AssertionError("scripts/test-env restart-s3 failed:\n" + result);
    }
    env = parse(envFile);
    URI s3 = s3().endpoint();
    checkAnswers(s3.getHost(), s3.getPort(), "S3Proxy after restart");
  }

  /**
   * {@code scripts/test-env}: the project's own (the working directory under Maven), else the one
   * beside the default state directory {@code <repo>/work/test-env}.
   */
  private Path script() {
    Path own = Path.of("scripts", "test-env").toAbsolutePath();
    if (Files.isRegularFile(own)) {
      return own;
    }
    Path beside = envFile.getParent().resolve("../../scripts/test-env").normalize();
    if (Files.isRegularFile(beside)) {
      return beside;
    }
    throw new IllegalStateException("scripts/test-env not found at " + own + " nor " + beside);
  }

  /**
   * The PIDs of the sshd processes serving connections to a host: descendants of its listener named
   * {@code sshd}, nearest first (a connection's own process before its privilege-separated child).
   * Killing one cuts that connection.
   */
  public List<Long> sshdChildren(SshHost host) throws IOException {
    Map<Long, List<Long>> children = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : proc) {
        String stat;
        try {
          stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // the process ended while we looked
        }
        // pid (comm) state ppid ...; comm may hold spaces and parentheses, so cut at the last ')'
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        long pid = Long.parseLong(stat.substring(0, open).strip());
        String[] rest = stat.substring(close + 2).split(" ");
        long ppid = Long.parseLong(rest[1]);
        names.put(pid, stat.substring(open + 1, close));
        children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
      }
    }
    List<Long> found = new ArrayList<>();
    Deque<Long> queue = new ArrayDeque<>(children.getOrDefault(host.pid(), List.of()));
    while (!queue.isEmpty()) {
      long pid = queue.removeFirst();
      if ("sshd".equals(names.get(pid))) {
        found.add(pid);
      }
      queue.addAll(children.getOrDefault(pid, List.of()));
    }
    return found;
  }

  /** Whether a process runs: it exists and is not a zombie that its parent has not reaped yet. */
  public static boolean running(long pid) throws IOException {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /**
   * The sshd process serving the connection whose client end has local port {@code clientPort}, if
   * there is one: the nearest of {@link #sshdChildren} holding the server end of that TCP
   * connection (found through {@code /proc/net/tcp}). Killing it cuts exactly that connection.
   */
  public Optional<Long> sshdServing(SshHost host, int clientPort) throws IOException {
    Optional<String> inode = serverSocketInode(host, clientPort);
    if (inode.isEmpty()) {
      return Optional.empty();
    }
    String link = "socket:[" + inode.get() + "]";
    for (long pid : sshdChildren(host)) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
        for (Path fd : fds) {
          try {
            if (Files.readSymbolicLink(fd).toString().equals(link)) {
              return Optional.of(pid);
            }
          } catch (IOException e) {
            // the descriptor closed while we looked
          }
        }
      } catch (IOException e) {
        // the process ended while we looked
      }
    }
    return Optional.empty();
  }

  /** The inode of the socket with local address host:port and remote port clientPort. */
  private static Optional<String> serverSocketInode(SshHost host, int clientPort)
      throws IOException {
    byte[] address = InetAddress.getByName(host.host()).getAddress();
    // /proc/net/tcp writes an IPv4 address as one 32-bit word in host (little-endian) order
    String local =
        String.format(
                "%02X%02X%02X%02X:%04X",
                address[3], address[2], address[1], address[0], host.port())
            .toUpperCase(Locale.ROOT);
    String remotePort = String.format(":%04X", clientPort);
    for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length > 9 && fields[1].equals(local) && fields[2].endsWith(remotePort)) {
        return Optional.of(fields[9]);
      }
    }
    return Optional.empty();
  }
}

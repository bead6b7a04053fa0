package it.continuo.ssh;

import it.continuo.testing.TestServers;
import it.continuo.testing.TestServers.SshHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Endpoints of the test SSH servers, known_hosts variants, and cutting a live connection. */
public final class Endpoints {
  private Endpoints() {}

  /** The host with the client's ed25519 key and the plain known_hosts file. */
  public static SshEndpoint of(TestServers servers, SshHost host) {
    return of(servers, host.host(), host.port(), servers.sshKey(), servers.knownHosts());
  }

  public static SshEndpoint of(
      TestServers servers, String host, int port, Path key, Path knownHosts) {
    return new SshEndpoint(
        host,
        port,
        servers.sshUser(),
        key,
        knownHosts,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5));
  }

  /**
   * A known_hosts file in {@code dir} listing {@code as} (e.g. {@code [127.0.0.1]:40000}) with the
   * keys the test known_hosts holds for {@code keysOf}.
   */
  public static Path knownHostsWith(TestServers servers, Path dir, SshHost keysOf, String as)
      throws IOException {
    String prefix = "[" + keysOf.host() + "]:" + keysOf.port() + " ";
    List<String> lines =
        Files.readAllLines(servers.knownHosts()).stream()
            .filter(l -> l.startsWith(prefix))
            .map(l -> as + " " + l.substring(prefix.length()))
            .toList();
    if (lines.isEmpty()) {
      throw new IllegalStateException("no entries for " + prefix + " in " + servers.knownHosts());
    }
    return Files.write(Files.createTempFile(dir, "known_hosts", ""), lines);
  }

  /** The sshd processes serving connections to {@code host} now. */
  public static Set<Long> sshdProcesses(TestServers servers, SshHost host) throws IOException {
    return new HashSet<>(servers.sshdChildren(host));
  }

  /**
   * Kills (SIGKILL) the sshd processes serving connections opened since {@code before} was taken,
   * and waits for them to end: those connections are cut as by a crash of the server side.
   *
   * @return how many were killed
   */
  public static int killSince(TestServers servers, SshHost host, Set<Long> before)
      throws Exception {
    Set<Long> fresh =
        servers.sshdChildren(host).stream()
            .filter(p -> !before.contains(p))
            .collect(Collectors.toSet());
    for (long pid : fresh) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                p.destroyForcibly();
                try {
                  p.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException("sshd " + pid + " did not end", e);
                }
              });
    }
    return fresh.size();
  }
}

package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.continuo.config.HostConfig;
import it.continuo.config.RunbookConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosts step against the client (127.0.0.4) and the secondary (127.0.0.3) as two clients. Both
 * sshd run on this machine, so both clients see the same files: the first client visited changes
 * them, the second finds them already changed; all-or-nothing is shown across files and with a
 * client that cannot be reached.
 */
@DisplayName("The hosts step, against two clients over SSH")
class HostsStepIT {
  static final String HOSTS =
      "127.0.0.1\tlocalhost\n"
          + "# 127.0.0.2 is the primary\n"
          + "127.0.0.2\tuno uno.lab.test\n"
          + "127.0.0.20\tother\n"
          + "127.0.0.3\tdue\n";
  static final String HOSTS_AFTER =
      "127.0.0.1\tlocalhost\n"
          + "# 127.0.0.2 is the primary\n"
          + "127.0.0.3\tuno uno.lab.test\n"
          + "127.0.0.20\tother\n"
          + "127.0.0.3\tdue\n";
  static final String RDP = "screen mode id:i:2\r\nfull address:s:127.0.0.2:3389\r\n";

  @TempDir Path dir;
  TestServers servers;
  Path files;
  Path hosts;
  Path rdp;
  final List<String> timeline = new ArrayList<>();
  RunbookConfig runbook;

  @BeforeEach
  void files() throws Exception {
    servers = TestServers.requireClient();
    TestServers.require();
    files = Files.createDirectories(dir.resolve("files"));
    hosts = files.resolve("hosts");
    rdp = files.resolve("uno.rdp");
    Files.writeString(hosts, HOSTS);
    Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-r-----"));
    Files.write(rdp, utf16(RDP));
  }

  static byte[] utf16(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xFE);
    out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
    return out.toByteArray();
  }

  Step step(Path... paths) throws Exception {
    StringBuilder list = new StringBuilder();
    for (Path p : paths) {
      list.append(list.length() == 0 ? "" : ", ").append(p);
    }
    runbook =
        LabRunbook.load(
            servers,
            dir,
            Map.of(),
            "{ hosts: { clients: [client, secondario], files: ["
                + list
                + "], from: 127.0.0.2, to: 127.0.0.3 } }");
    return Steps.create(LabRunbook.onlyStep(runbook));
  }

  Step both() throws Exception {
    return step(hosts, rdp);
  }

  StepContext context() {
    return StepContext.builder(runbook).log(timeline::add).build();
  }

  StepOutcome run(Step step) throws Exception {
    try (StepContext c = context()) {
      return step.run(c);
    }
  }

  StepOutcome undo(Step step) throws Exception {
    try (StepContext c = context()) {
      return step.undo(c);
    }
  }

  static Path backup(Path file) {
    return file.resolveSibling(file.getFileName() + ".continuo-lab.bak");
  }

  @Test
  @DisplayName("run: the primary's address replaced as a whole token, originals kept, mode kept")
  void run() throws Exception {
    Step step = both();
    StepOutcome outcome = run(step);
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS_AFTER);
    assertThat(Files.readAllBytes(rdp))
        .isEqualTo(utf16("screen mode id:i:2\r\nfull address:s:127.0.0.3:3389\r\n"));
    assertThat(Files.readString(backup(hosts))).isEqualTo(HOSTS);
    assertThat(Files.readAllBytes(backup(rdp))).isEqualTo(utf16(RDP));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts)))
        .isEqualTo("rw-r-----");
    assertThat(outcome.lines())
        .containsExactly(
            "client:" + hosts + ": 1 line 127.0.0.2 → 127.0.0.3 (backup " + backup(hosts) + ")",
            "client:" + rdp + ": 1 line 127.0.0.2 → 127.0.0.3 (backup " + backup(rdp) + ")",
            "secondario:" + hosts + " already holds 127.0.0.3",
            "secondario:" + rdp + " already holds 127.0.0.3");
    try (var leftovers = Files.list(files)) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "hosts", "uno.rdp", "hosts.continuo-lab.bak", "uno.rdp.continuo-lab.bak");
    }
  }

  @Test
  @DisplayName("run again: nothing changes, the backups keep the originals")
  void again() throws Exception {
    Step step = both();
    run(step);
    byte[] changed = Files.readAllBytes(hosts);
    StepOutcome second = run(step);
    assertThat(Files.readAllBytes(hosts)).isEqualTo(changed);
    assertThat(Files.readString(backup(hosts))).isEqualTo(HOSTS);
    assertThat(second.lines()).allMatch(l -> l.endsWith(" already holds 127.0.0.3"));
  }

  @Test
  @DisplayName(
      "undo: the originals back byte for byte, the backups gone; a second undo does nothing")
  void undo() throws Exception {
    Step step = both();
    run(step);
    StepOutcome outcome = undo(step);
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS);
    assertThat(Files.readAllBytes(rdp)).isEqualTo(utf16(RDP));
    assertThat(backup(hosts)).doesNotExist();
    assertThat(backup(rdp)).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts)))
        .isEqualTo("rw-r-----");
    assertThat(outcome.lines().get(0))
        .isEqualTo("client:" + hosts + ": restored from " + backup(hosts) + ", backup deleted");
    StepOutcome again = undo(step);
    assertThat(again.lines()).allMatch(l -> l.contains(": no backup ") && l.endsWith("left alone"));
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS);
  }

  @Test
  @DisplayName("undo after someone edited the file: only the lines changed go back")
  void undoAfterEdit() throws Exception {
    Step step = step(hosts);
    run(step);
    Files.writeString(hosts, HOSTS_AFTER + "127.0.0.3\tnew-since\n");
    StepOutcome outcome = undo(step);
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS + "127.0.0.3\tnew-since\n");
    assertThat(outcome.lines().get(0))
        .isEqualTo(
            "client:"
                + hosts
                + ": changed since the failover: 1 line put back to 127.0.0.2, 2 other line(s)"
                + " with 127.0.0.3 kept, backup deleted");
    assertThat(backup(hosts)).doesNotExist();
  }

  @Test
  @DisplayName("undo where nothing was changed leaves the files alone")
  void undoUntouched() throws Exception {
    Step step = both();
    StepOutcome outcome = undo(step);
    assertThat(outcome.lines()).hasSize(4).allMatch(l -> l.endsWith("left alone"));
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS);
  }

  @Test
  @DisplayName("a file lacking the primary's address: a clear error, and nothing changed anywhere")
  void lacks() throws Exception {
    Path other = files.resolve("other.conf");
    Files.writeString(other, "server = 127.0.0.20\n# 127.0.0.2\n");
    Step step = step(hosts, other);
    StepException e = catchThrowableOfType(() -> run(step), StepException.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "hosts: nothing changed: client client (127.0.0.4): "
                + other
                + " lacks the primary's address 127.0.0.2; client secondario (127.0.0.3): "
                + other
                + " lacks the primary's address 127.0.0.2");
    assertThat(e.retryable()).isFalse();
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS);
    assertThat(backup(hosts)).doesNotExist();
  }

  @Test
  @DisplayName("a file name with a wildcard: refused, nothing changed")
  void wildcard() throws Exception {
    Path odd = files.resolve("ho*ts");
    Files.writeString(odd, HOSTS);
    Step step = step(hosts, odd);
    StepException e = catchThrowableOfType(() -> run(step), StepException.class);
    assertThat(e.getMessage())
        .startsWith(
            "hosts: nothing changed: client client (127.0.0.4): "
                + odd
                + ": a name with * or ? cannot be rewritten over SFTP");
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS);
    assertThat(Files.readString(odd)).isEqualTo(HOSTS);
  }

  @Test
  @DisplayName("a client that cannot be reached: nothing changed on the others")
  void unreachableClient() throws Exception {
    both();
    HostConfig client =
        runbook.steps().get(0).action() instanceof StepConfig.Hosts h ? h.clients().get(0) : null;
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.4"))) {
      closed = s.getLocalPort();
    }
    HostConfig dead =
        new HostConfig(
            "pc03",
            "127.0.0.4",
            closed,
            client.user(),
            client.key(),
            client.knownHosts(),
            Duration.ofSeconds(2),
            client.timeout(),
            client.keepAlive());
    Step step =
        new HostsStep(
            new StepConfig.Hosts(
                List.of(client, dead),
                List.of(hosts.toString()),
                InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("127.0.0.3")),
            true);
    StepException e = catchThrowableOfType(() -> run(step), StepException.class);
    assertThat(e.getMessage())
        .startsWith("hosts: nothing changed: client pc03: cannot connect to 127.0.0.4:" + closed);
    assertThat(e.retryable()).isTrue();
    assertThat(Files.readString(hosts)).isEqualTo(HOSTS);
    assertThat(backup(hosts)).doesNotExist();
  }

  @Test
  @DisplayName("plan lists the lines that would change and changes nothing")
  void plan() throws Exception {
    Step step = both();
    byte[] hostsBefore = Files.readAllBytes(hosts);
    byte[] rdpBefore = Files.readAllBytes(rdp);
    List<Change> plan;
    try (StepContext c = context()) {
      plan = step.plan(c);
    }
    assertThat(Files.readAllBytes(hosts)).isEqualTo(hostsBefore);
    assertThat(Files.readAllBytes(rdp)).isEqualTo(rdpBefore);
    assertThat(backup(hosts)).doesNotExist();
    assertThat(plan)
        .extracting(Change::toString)
        .contains(
            "change: client:"
                + hosts
                + " line 3: `127.0.0.2\tuno uno.lab.test` → `127.0.0.3\tuno"
                + " uno.lab.test`",
            "change: secondario:"
                + rdp
                + " line 2: `full address:s:127.0.0.2:3389` →"
                + " `full address:s:127.0.0.3:3389`",
            "note: client:" + hosts + ": original kept in " + backup(hosts));
  }
}

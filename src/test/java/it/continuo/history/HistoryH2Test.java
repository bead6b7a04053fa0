package it.continuo.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded history, {@code dataDir/history.mv.db}. */
@DisplayName("The embedded (H2) history")
class HistoryH2Test extends HistoryContract {
  @TempDir Path dataDir;

  @Override
  History open() throws Exception {
    return History.open(dataDir);
  }

  @Override
  Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("history") + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE",
        "sa",
        "");
  }

  @Test
  @DisplayName("lives in dataDir/history.mv.db")
  void file() {
    assertThat(dataDir.resolve("history.mv.db")).isRegularFile();
    assertThat(History.file(dataDir)).isEqualTo(dataDir.resolve("history.mv.db"));
  }

  @Test
  @DisplayName("cannot be opened where history.mv.db is a directory, and says which file")
  void unavailable(@TempDir Path other) throws Exception {
    Files.createDirectories(other.resolve("history.mv.db"));
    assertThatThrownBy(() -> History.open(other))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(other.resolve("history.mv.db").toString());
  }

  @Nested
  @DisplayName("shared by several processes")
  class Shared {
    @Test
    @DisplayName("serves the others on loopback only: 127.0.0.1, in its lock file and its socket")
    void loopbackOnly() throws Exception {
      Properties lock = new Properties();
      try (Reader r = Files.newBufferedReader(dataDir.resolve("history.lock.db"))) {
        lock.load(r);
      }
      // "server=localhost:PORT": where the other processes connect
      String server = lock.getProperty("server");
      String host = server.substring(0, server.lastIndexOf(':'));
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
      for (InetAddress address : InetAddress.getAllByName(host)) {
        assertThat(address.isLoopbackAddress())
            .as("%s, address of %s in history.lock.db", address, host)
            .isTrue();
      }

      // Java listens on a dual-stack socket: 127.0.0.1 shows in tcp6 as ::ffff:127.0.0.1
      List<String> listening = listeners("/proc/net/tcp", port);
      listening.addAll(listeners("/proc/net/tcp6", port));
      assertThat(listening)
          .as("local addresses of the sockets listening on port %d (kernel hex)", port)
          .isNotEmpty()
          .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
    }

    @Test
    @DisplayName("while another process holds it open and writes, this one writes and reads")
    void twoProcesses() throws Exception {
      history.close();
      history = null;
      Child child = new Child(dataDir);
      try {
        child.expect("ready");
        history = History.open(dataDir); // through the child's auto-server
        assertThat(child.say("start shared-job")).startsWith("ok");
        assertThat(history.running("shared-job")).isPresent();

        history.event(Instant.now(), "parent", null, "info", "from the parent");
        assertThat(child.say("event from the child")).isEqualTo("ok");
        child.send("burst 100");
        for (int i = 0; i < 100; i++) {
          history.event(Instant.now(), "parent", null, "info", "parent " + i);
        }
        child.expect("ok");
        assertThat(messages()).contains("from the parent", "from the child").hasSize(202);

        assertThat(child.say("quit")).isEqualTo("ok");
        child.waitFor();
        history.event(Instant.now(), "parent", null, "info", "after the child left");
        assertThat(messages()).contains("after the child left").hasSize(203);
      } finally {
        child.destroy();
      }
    }

    @Test
    @DisplayName("refuses to serve beyond loopback when h2.bindAddress says otherwise")
    void refusesOtherAddresses(@TempDir Path other) throws Exception {
      Child child = new Child(other, "-Dh2.bindAddress=0.0.0.0");
      try {
        assertThat(child.line()).startsWith("failed: ").contains("not a loopback address");
        assertThat(child.waitFor()).isEqualTo(3);
        assertThat(other.resolve("history.mv.db")).doesNotExist();
      } finally {
        child.destroy();
      }
    }

    private List<String> messages() throws Exception {
      return history.events(Instant.EPOCH, 1000).stream().map(HistoryEvent::message).toList();
    }
  }

  /** The local addresses (hex, as the kernel writes them) of sockets listening on {@code port}. */
  static List<String> listeners(String table, int port) throws IOException {
    String suffix = String.format(Locale.ROOT, ":%04X", port);
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(table))) {
      String[] f = line.strip().split("\\s+");
      if (f.length > 3 && f[1].endsWith(suffix) && f[3].equals("0A")) { // 0A: LISTEN
        found.add(f[1].substring(0, f[1].length() - suffix.length()));
      }
    }
    return found;
  }

  /** A {@link HistoryChild} process. */
  static final class Child {
    final Process process;
    final BufferedReader out;
    final PrintWriter in;

    Child(Path dataDir, String... jvmOptions) throws IOException {
      process =
          new ProcessBuilder(HistoryChild.command(dataDir, jvmOptions))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    String line() throws IOException {
      String line = out.readLine();
      assertThat(line).as("the child's answer").isNotNull();
      return line;
    }

    void expect(String answer) throws IOException {
      assertThat(line()).isEqualTo(answer);
    }

    void send(String command) {
      in.println(command);
    }

    String say(String command) throws IOException {
      send(command);
      return line();
    }

    int waitFor() throws InterruptedException {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child exits").isTrue();
      return process.exitValue();
    }

    void destroy() {
      process.destroyForcibly();
    }
  }
}

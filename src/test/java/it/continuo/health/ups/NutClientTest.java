package it.continuo.health.ups;

import static it.continuo.health.ups.FakeNutServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The NUT client")
class NutClientTest {
  static final Duration TIMEOUT = Duration.ofMillis(700);

  /** Generous bound on how long any failure may take: the timeout and some slack. */
  static final Duration BOUND = Duration.ofSeconds(3);

  FakeNutServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  NutClient connect(FakeNutServer.Script script) throws IOException {
    server = new FakeNutServer(script);
    return NutClient.connect("127.0.0.1", server.port(), TIMEOUT);
  }

  /** The exception a call throws, within {@link #BOUND}. */
  static NutException failure(NutCall call) {
    return assertTimeoutPreemptively(
        BOUND,
        () -> {
          try {
            call.run();
          } catch (NutException e) {
            return e;
          }
          throw new AssertionError("expected a NutException");
        });
  }

  interface NutCall {
    void run() throws NutException;
  }

  @Nested
  @DisplayName("talking to a proper server")
  class Proper {
    @Test
    @DisplayName("logs in, lists UPSes and variables with quoted values, gets one, logs out")
    void conversation() throws Exception {
      try (NutClient c =
          connect(
              (req, out) -> {
                switch (req) {
                  case "USERNAME continuo", "PASSWORD \"pa ss\\\"w\\\\d\"", "LOGIN sala" ->
                      write(out, "OK\n");
                  case "LIST UPS" ->
                      write(
                          out,
                          "BEGIN LIST UPS\nUPS sala \"Eaton 5SC\"\nUPS rack \"\"\nEND LIST UPS\n");
                  case "LIST VAR sala" ->
                      write(
                          out,
                          "BEGIN LIST VAR sala\n"
                              + "VAR sala ups.status \"OB LB\"\n"
                              + "VAR sala ups.mfr \"say \\\"hi\\\" \\\\ ok\"\n"
                              + "END LIST VAR sala\n");
                  case "GET VAR sala battery.charge" ->
                      write(out, "VAR sala battery.charge \"42\"\n");
                  case "LOGOUT" -> write(out, "OK Goodbye\n");
                  default -> write(out, "ERR UNKNOWN-COMMAND\n");
                }
              })) {
        c.login("continuo", "pa ss\"w\\d", "sala");
        assertThat(c.listUps()).containsExactly(entry("sala", "Eaton 5SC"), entry("rack", ""));
        assertThat(c.listVars("sala"))
            .containsExactly(entry("ups.status", "OB LB"), entry("ups.mfr", "say \"hi\" \\ ok"));
        assertThat(c.getVar("sala", "battery.charge")).isEqualTo("42");
        c.logout();
      }
    }

    static java.util.Map.Entry<String, String> entry(String k, String v) {
      return java.util.Map.entry(k, v);
    }

    @Test
    @DisplayName(
        "turns ERR ACCESS-DENIED into a typed error naming server and UPS, not the password")
    void accessDenied() throws Exception {
      NutClient c =
          connect(
              (req, out) -> write(out, req.startsWith("LOGIN") ? "ERR ACCESS-DENIED\n" : "OK\n"));
      NutException e = failure(() -> c.login("continuo", "s3cret", "sala"));
      assertThat(e).isInstanceOf(NutErrorException.class);
      assertThat(((NutErrorException) e).code()).isEqualTo("ACCESS-DENIED");
      assertThat(((NutErrorException) e).stale()).isFalse();
      assertThat(e.getMessage())
          .contains("127.0.0.1:" + server.port(), "UPS sala", "ACCESS-DENIED", "password")
          .doesNotContain("s3cret");
      c.close();
    }

    @Test
    @DisplayName("classifies DATA-STALE and DRIVER-NOT-CONNECTED as stale, UNKNOWN-UPS as not")
    void stale() throws Exception {
      NutClient c =
          connect(
              (req, out) ->
                  write(
                      out,
                      switch (req) {
                        case "LIST VAR a" -> "ERR DATA-STALE\n";
                        case "LIST VAR b" -> "ERR DRIVER-NOT-CONNECTED\n";
                        default -> "ERR UNKNOWN-UPS\n";
                      }));
      assertThat(((NutErrorException) failure(() -> c.listVars("a"))).stale()).isTrue();
      assertThat(((NutErrorException) failure(() -> c.listVars("b"))).stale()).isTrue();
      NutErrorException unknown = (NutErrorException) failure(() -> c.listVars("c"));
      assertThat(unknown.stale()).isFalse();
      assertThat(unknown.getMessage()).contains("UPS c", "UNKNOWN-UPS", "no such UPS");
      c.close();
    }

    @Test
    @DisplayName("refuses an argument with a line break instead of sending a second command")
    void injection() throws Exception {
      NutClient c = connect((req, out) -> write(out, "OK\n"));
      assertThat(failure(() -> c.login("x\nFSD sala", "p", "sala")).getMessage())
          .contains("line break");
      assertThat(server.requests()).isEmpty();
      c.close();
    }
  }

  @Nested
  @DisplayName("sending an instant command")
  class InstantCommand {
    /**
     * upsd's order: unknown UPS, then unsupported command, then the user's rights; only {@code
     * password} may run load.off.
     */
    FakeNutServer.Script upsd(String password) {
      java.util.concurrent.atomic.AtomicReference<String> sent =
          new java.util.concurrent.atomic.AtomicReference<>("");
      return (req, out) -> {
        if (req.startsWith("PASSWORD ")) {
          sent.set(req.substring("PASSWORD ".length()));
        }
        if (req.startsWith("USERNAME") || req.startsWith("PASSWORD")) {
          write(out, "OK\n");
        } else if (req.startsWith("INSTCMD sala ")) {
          write(
              out,
              switch (req) {
                case "INSTCMD sala load.off" ->
                    password.equals(sent.get()) ? "OK\n" : "ERR ACCESS-DENIED\n";
                default -> "ERR CMD-NOT-SUPPORTED\n";
              });
        } else if (req.startsWith("INSTCMD")) {
          write(out, "ERR UNKNOWN-UPS\n");
        } else {
          write(out, "ERR UNKNOWN-COMMAND\n");
        }
      };
    }

    @Test
    @DisplayName("sends USERNAME, PASSWORD and INSTCMD, without LOGIN, and accepts OK")
    void ok() throws Exception {
      try (NutClient c = connect(upsd("s3cret"))) {
        c.authenticate("fence", "s3cret");
        c.instcmd("sala", "load.off");
      }
      assertThat(server.requests())
          .containsExactly("USERNAME fence", "PASSWORD s3cret", "INSTCMD sala load.off");
    }

    @Test
    @DisplayName("accepts OK TRACKING as upsd 2.8 may answer")
    void tracking() throws Exception {
      try (NutClient c = connect((req, out) -> write(out, "OK TRACKING 1bd31808\n"))) {
        c.instcmd("sala", "load.off");
      }
    }

    @Test
    @DisplayName("reads ERR CMD-NOT-SUPPORTED as a command the UPS does not have")
    void notSupported() throws Exception {
      NutClient c = connect(upsd("s3cret"));
      c.authenticate("fence", "s3cret");
      NutErrorException e =
          (NutErrorException) failure(() -> c.instcmd("sala", "outlet.1.load.off"));
      assertThat(e.code()).isEqualTo("CMD-NOT-SUPPORTED");
      assertThat(e.getMessage())
          .isEqualTo(
              "NUT server 127.0.0.1:"
                  + server.port()
                  + ": UPS sala: INSTCMD sala outlet.1.load.off answered ERR CMD-NOT-SUPPORTED"
                  + " (command not supported by the UPS)");
      c.close();
    }

    @Test
    @DisplayName("reads ERR ACCESS-DENIED without showing the password")
    void denied() throws Exception {
      NutClient c = connect(upsd("s3cret"));
      c.authenticate("fence", "wrong-pw");
      NutErrorException e = (NutErrorException) failure(() -> c.instcmd("sala", "load.off"));
      assertThat(e.code()).isEqualTo("ACCESS-DENIED");
      assertThat(e.getMessage()).contains("wrong user or password").doesNotContain("wrong-pw");
      c.close();
    }

    @Test
    @DisplayName("reads ERR UNKNOWN-UPS as a UPS the server does not know")
    void unknownUps() throws Exception {
      NutClient c = connect(upsd("s3cret"));
      NutErrorException e = (NutErrorException) failure(() -> c.instcmd("rack", "load.off"));
      assertThat(e.getMessage()).contains("UPS rack", "UNKNOWN-UPS", "no such UPS");
      c.close();
    }

    @Test
    @DisplayName("refuses a command with a line break instead of sending it")
    void injection() throws Exception {
      NutClient c = connect(upsd("s3cret"));
      assertThat(failure(() -> c.instcmd("sala", "load.off\nFSD sala")).getMessage())
          .contains("line break");
      assertThat(server.requests()).isEmpty();
      c.close();
    }
  }

  @Nested
  @DisplayName("facing a broken or hostile server, fails clearly within the timeout")
  class Hostile {
    @Test
    @DisplayName("a server that never answers")
    void silence() throws Exception {
      NutClient c = connect((req, out) -> {});
      long start = System.nanoTime();
      assertThat(failure(() -> c.listUps()).getMessage())
          .contains("127.0.0.1:" + server.port(), "LIST UPS", "no complete reply within 700 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
      c.close();
    }

    @Test
    @DisplayName("a list that begins and never ends")
    void unterminatedList() throws Exception {
      NutClient c =
          connect((req, out) -> write(out, "BEGIN LIST VAR sala\nVAR sala ups.status \"OL\"\n"));
      assertThat(failure(() -> c.listVars("sala")).getMessage())
          .contains("LIST VAR sala", "no complete reply");
      c.close();
    }

    @Test
    @DisplayName("a list that goes on for ever")
    void endlessList() throws Exception {
      NutClient c =
          connect(
              (req, out) -> {
                write(out, "BEGIN LIST VAR sala\n");
                for (int i = 0; ; i++) {
                  write(out, "VAR sala v" + i + " \"1\"\n");
                }
              });
      NutException e = failure(() -> c.listVars("sala"));
      assertThat(e).isInstanceOf(NutProtocolException.class);
      assertThat(e.getMessage()).contains("more than " + NutClient.MAX_LIST + " entries");
      c.close();
    }

    @Test
    @DisplayName("a 100 MB line")
    void hugeLine() throws Exception {
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'A');
      NutClient c =
          connect(
              (req, out) -> {
                for (int i = 0; i < 100; i++) {
                  out.write(chunk);
                }
                write(out, "\n");
              });
      NutException e = failure(() -> c.getVar("sala", "ups.status"));
      assertThat(e).isInstanceOf(NutProtocolException.class);
      assertThat(e.getMessage()).contains("longer than 8192 bytes");
      c.close();
    }

    @Test
    @DisplayName("a reply trickling in a byte at a time, each within the timeout")
    void trickle() throws Exception {
      NutClient c =
          connect(
              (req, out) -> {
                for (int i = 0; i < 100; i++) {
                  write(out, "V");
                  out.flush();
                  Thread.sleep(100);
                }
              });
      assertThat(failure(() -> c.getVar("sala", "ups.status")).getMessage())
          .contains("no complete reply within 700 ms");
      c.close();
    }

    @Test
    @DisplayName("bad quoting: an unclosed quote, text after a quote, a stray backslash")
    void badQuoting() throws Exception {
      for (String reply :
          new String[] {
            "VAR sala ups.status \"OL\n",
            "VAR sala ups.status \"OL\"x\n",
            "VAR sala ups\\status x\n"
          }) {
        NutClient c = connect((req, out) -> write(out, reply));
        NutException e = failure(() -> c.getVar("sala", "ups.status"));
        assertThat(e).isInstanceOf(NutProtocolException.class);
        assertThat(e.getMessage()).contains("bad quoting");
        c.close();
        server.close();
      }
    }

    @Test
    @DisplayName("a server that is not NUT at all")
    void notNut() throws Exception {
      NutClient c =
          connect(
              (req, out) -> write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
      NutException e = failure(() -> c.listUps());
      assertThat(e).isInstanceOf(NutProtocolException.class);
      assertThat(e.getMessage())
          .contains("LIST UPS", "is this a NUT server?", "HTTP/1.1 400 Bad Request");
      c.close();
    }

    @Test
    @DisplayName("a reply about another UPS")
    void wrongUps() throws Exception {
      NutClient c = connect((req, out) -> write(out, "VAR rack ups.status \"OL\"\n"));
      assertThat(failure(() -> c.getVar("sala", "ups.status")))
          .isInstanceOf(NutProtocolException.class);
      c.close();
    }

    @Test
    @DisplayName("a connection closed in the middle of a line")
    void closed() throws Exception {
      NutClient c =
          connect(
              (req, out) -> {
                write(out, "BEGIN LIST UPS\nUPS sa");
                throw new IOException("hang up");
              });
      assertThat(failure(() -> c.listUps()).getMessage()).contains("closed the connection");
      c.close();
    }

    @Test
    @DisplayName("nothing listening")
    void refused() throws Exception {
      server = new FakeNutServer((req, out) -> {});
      int port = server.port();
      server.close();
      assertThat(failure(() -> NutClient.connect("127.0.0.1", port, TIMEOUT)).getMessage())
          .contains("127.0.0.1:" + port, "cannot connect");
    }
  }
}

package it.continuo.health.ups;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection to a NUT server ({@code upsd}, TCP 3493) speaking its network protocol in plain
 * text: {@code USERNAME}, {@code PASSWORD}, {@code LOGIN}, {@code LIST UPS}, {@code LIST VAR},
 * {@code GET VAR}, {@code INSTCMD}, {@code LOGOUT}. Not thread-safe: one request at a time.
 *
 * <p>A hostile or broken server cannot hang or exhaust the caller: every reply must arrive whole
 * within the timeout (however slowly it trickles), a line may be at most {@value #MAX_LINE} bytes
 * and a list at most {@value #MAX_LIST} entries; anything else is a {@link NutProtocolException}.
 */
public final class NutClient implements Closeable {
  /** The longest reply line accepted, in bytes. */
  public static final int MAX_LINE = 8192;

  /** The most entries a list reply may have (a real UPS has a few hundred variables at most). */
  public static final int MAX_LIST = 1024;

  /** The port upsd listens on by default. */
  public static final int DEFAULT_PORT = 3493;

  private final String server;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final long timeoutMillis;

  private NutClient(String server, Socket socket, Duration timeout) throws IOException {
    this.server = server;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), MAX_LINE);
    this.out = socket.getOutputStream();
    this.timeoutMillis = Math.max(1, timeout.toMillis());
  }

  /**
   * Connects to a NUT server.
   *
   * @param host the server's name or address
   * @param port its port, usually {@value #DEFAULT_PORT}
   * @param timeout how long the connection, and then each whole reply, may take
   */
  public static NutClient connect(String host, int port, Duration timeout) throws NutException {
    String server = host + ":" + port;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      socket.setTcpNoDelay(true);
      return new NutClient(server, socket, timeout);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new NutException(server, "no connection within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new NutException(server, "cannot connect: " + e.getMessage(), e);
    }
  }

  /** host:port of the server. */
  public String server() {
    return server;
  }

  /**
   * Logs in as {@code user} and attaches to {@code ups} ({@code USERNAME}, {@code PASSWORD}, {@code
   * LOGIN}), as upsmon does; upsd checks the password at {@code LOGIN}, so a wrong one fails here
   * with ACCESS-DENIED.
   */
  public void login(String user, String password, String ups) throws NutException {
    expectOk("USERNAME " + NutWords.quote(user), "USERNAME", "");
    expectOk("PASSWORD " + NutWords.quote(password), "PASSWORD", "");
    expectOk("LOGIN " + NutWords.quote(ups), "LOGIN " + ups, ups);
  }

  /**
   * Names the user for the commands that need one ({@code USERNAME}, {@code PASSWORD}), without
   * attaching to a UPS as upsmon does; upsd checks the password only when a command needs it.
   */
  public void authenticate(String user, String password) throws NutException {
    expectOk("USERNAME " + NutWords.quote(user), "USERNAME", "");
    expectOk("PASSWORD " + NutWords.quote(password), "PASSWORD", "");
  }

  /**
   * Asks the UPS's driver to run an instant command ({@code INSTCMD}, e.g. {@code load.off}); call
   * {@link #authenticate} first. upsd answers {@code OK} once it has handed the command to the
   * driver, not when the UPS has done it.
   *
   * @throws NutErrorException e.g. CMD-NOT-SUPPORTED (upsd checks it before the user's rights),
   *     ACCESS-DENIED (wrong password, or no {@code instcmds} for the user in upsd.users),
   *     UNKNOWN-UPS
   */
  public void instcmd(String ups, String command) throws NutException {
    String request = "INSTCMD " + ups + " " + command;
    String line = "INSTCMD " + NutWords.quote(ups) + " " + NutWords.quote(command);
    List<String> w = reply(sendLine(line, request), ups);
    // NUT 2.8 may add "TRACKING <id>" when the client asked for tracking; we do not.
    if (w.isEmpty() || !w.get(0).equals("OK")) {
      throw unexpected(request, String.join(" ", w));
    }
  }

  /** The UPSes the server knows, name to description ({@code LIST UPS}). */
  public Map<String, String> listUps() throws NutException {
    Map<String, String> result = new LinkedHashMap<>();
    for (List<String> w : list("UPS", "")) {
      if (w.size() != 3 || !w.get(0).equals("UPS")) {
        throw unexpected("LIST UPS", String.join(" ", w));
      }
      result.put(w.get(1), w.get(2));
    }
    return result;
  }

  /** Every variable of a UPS, name to value, in the server's order ({@code LIST VAR}). */
  public Map<String, String> listVars(String ups) throws NutException {
    Map<String, String> result = new LinkedHashMap<>();
    for (List<String> w : list("VAR", ups)) {
      if (w.size() != 4 || !w.get(0).equals("VAR") || !w.get(1).equals(ups)) {
        throw unexpected("LIST VAR " + ups, String.join(" ", w));
      }
      result.put(w.get(2), w.get(3));
    }
    return result;
  }

  /** One variable of a UPS ({@code GET VAR}). */
  public String getVar(String ups, String variable) throws NutException {
    String request = "GET VAR " + ups + " " + variable;
    String line = "GET VAR " + NutWords.quote(ups) + " " + NutWords.quote(variable);
    List<String> w = reply(sendLine(line, request), ups);
    if (w.size() != 4
        || !w.get(0).equals("VAR")
        || !w.get(1).equals(ups)
        || !w.get(2).equals(variable)) {
      throw unexpected(request, String.join(" ", w));
    }
    return w.get(3);
  }

  /** Says goodbye ({@code LOGOUT}); the server then closes the connection. */
  public void logout() throws NutException {
    List<String> w = reply(send("LOGOUT"), "");
    if (w.isEmpty() || !w.get(0).equals("OK")) {
      throw unexpected("LOGOUT", String.join(" ", w));
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private void expectOk(String line, String shown, String ups) throws NutException {
    List<String> w = reply(sendLine(line, shown), ups);
    if (w.size() != 1 || !w.get(0).equals("OK")) {
      throw unexpected(shown, String.join(" ", w));
    }
  }

  /** {@code LIST <type> [ups]}: the entries between BEGIN LIST and END LIST, split in words. */
  private List<List<String>> list(String type, String ups) throws NutException {
    String request = "LIST " + type + (ups.isEmpty() ? "" : " " + ups);
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    sendLine("LIST " + type + (ups.isEmpty() ? "" : " " + NutWords.quote(ups)), request);
    String begin = "BEGIN " + request;
    String first = readLine(deadline, request);
    List<String> head = words(first, request);
    checkError(head, request, ups);
    if (!String.join(" ", head).equals(begin)) {
      throw unexpected(request, first);
    }
    String end = "END " + request;
    List<List<String>> entries = new ArrayList<>();
    while (true) {
      String line = readLine(deadline, request);
      List<String> w = words(line, request);
      if (String.join(" ", w).equals(end)) {
        return entries;
      }
      checkError(w, request, ups);
      if (entries.size() == MAX_LIST) {
        throw new NutProtocolException(
            server, request + ": the list has more than " + MAX_LIST + " entries");
      }
      entries.add(w);
    }
  }

  private String send(String request) throws NutException {
    return sendLine(request, request);
  }

  /** Sends one request line; {@code shown} is how errors name it (never a password). */
  private String sendLine(String line, String shown) throws NutException {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new NutException(server, shown + ": an argument holds a line break", null);
    }
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new NutException(server, shown + ": cannot send: " + e.getMessage(), e);
    }
    return shown;
  }

  /** The one-line reply to {@code request}, split; an {@code ERR} reply is thrown. */
  private List<String> reply(String request, String ups) throws NutException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    List<String> w = words(readLine(deadline, request), request);
    checkError(w, request, ups);
    return w;
  }

  private void checkError(List<String> w, String request, String ups) throws NutErrorException {
    if (!w.isEmpty() && w.get(0).equals("ERR")) {
      throw new NutErrorException(server, ups, request, w.size() > 1 ? w.get(1) : "(no code)");
    }
  }

  private List<String> words(String line, String request) throws NutProtocolException {
    try {
      return NutWords.split(line);
    } catch (NutWords.BadQuoting e) {
      throw new NutProtocolException(
          server,
          request + ": bad quoting in the reply (" + e.getMessage() + "): " + excerpt(line));
    }
  }

  /** One line, without its end; every read waits at most until the deadline. */
  private String readLine(long deadline, String request) throws NutException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    try {
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          throw timeout(request);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int b = in.read();
        if (b == -1) {
          throw new NutException(
              server,
              request
                  + ": the server closed the connection"
                  + (line.size() > 0 ? " in the middle of a line" : ""),
              null);
        }
        if (b == '\n') {
          String text = line.toString(StandardCharsets.UTF_8);
          return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
        if (line.size() == MAX_LINE) {
          throw new NutProtocolException(
              server, request + ": a reply line is longer than " + MAX_LINE + " bytes");
        }
        line.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw timeout(request);
    } catch (NutException e) {
      throw e;
    } catch (IOException e) {
      throw new NutException(server, request + ": cannot read: " + e.getMessage(), e);
    }
  }

  private NutException timeout(String request) {
    return new NutException(
        server, request + ": no complete reply within " + timeoutMillis + " ms", null);
  }

  private NutProtocolException unexpected(String request, String line) {
    return new NutProtocolException(
        server, request + ": unexpected reply (is this a NUT server?): " + excerpt(line));
  }

  /** The start of a line, printable, for messages. */
  static String excerpt(String line) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < line.length() && s.length() < 80; i++) {
      char c = line.charAt(i);
      s.append(c < ' ' || c == 127 ? '?' : c);
    }
    return "\"" + s + (line.length() > 80 ? "…" : "") + "\"";
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}

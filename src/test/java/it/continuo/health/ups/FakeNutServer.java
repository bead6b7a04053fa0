package it.continuo.health.ups;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A NUT server in the test, on 127.0.0.1, that answers each request line as the test scripts it:
 * properly, wrongly, endlessly or not at all. It serves one connection at a time.
 */
final class FakeNutServer implements AutoCloseable {

  /** How the server answers one request line. */
  @FunctionalInterface
  interface Script {
    void answer(String request, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Thread thread;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  FakeNutServer(Script script) throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
    thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                  OutputStream out = s.getOutputStream();
                  String line;
                  while ((line = in.readLine()) != null) {
                    requests.add(line);
                    script.answer(line, out);
                    out.flush();
                  }
                } catch (IOException | InterruptedException e) {
                  // the client went away, or the test ended
                }
              }
            },
            "fake-nut");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The request lines received so far. */
  List<String> requests() {
    return requests;
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    server.close();
    thread.interrupt();
  }
}

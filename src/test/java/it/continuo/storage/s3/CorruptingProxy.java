package it.continuo.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that, once armed, flips one bit of the byte that is the {@code n}-th to
 * go upstream from then on: a link that damages data without breaking the connection. It also notes
 * each HTTP request that goes through, as {@code METHOD TARGET x-amz-content-sha256}.
 */
final class CorruptingProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Object lock = new Object();
  private long untilFlip = -1;
  private volatile boolean flipped;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  CorruptingProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  void flipAfter(long n) {
    synchronized (lock) {
      untilFlip = n;
    }
  }

  boolean flipped() {
    return flipped;
  }

  /** The requests seen so far, in the order their heads went upstream. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void accept() {
    while (true) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5000);
        daemon(() -> pump(client, server, true));
        daemon(() -> pump(server, client, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream) {
    byte[] b = new byte[16 * 1024];
    RequestHeads heads = new RequestHeads();
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(b)) > 0) {
        if (upstream) {
          synchronized (lock) {
            if (untilFlip > 0 && untilFlip <= n) {
              b[(int) untilFlip - 1] ^= 1;
              untilFlip = -1;
              flipped = true;
            } else if (untilFlip > 0) {
              untilFlip -= n;
            }
          }
          heads.feed(b, n);
        }
        out.write(b, 0, n);
      }
    } catch (IOException e) {
      // one side closed: close the other
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }

  /** Follows the requests of one connection: a head up to its blank line, then its body. */
  private final class RequestHeads {
    private final StringBuilder head = new StringBuilder();
    private long body;

    void feed(byte[] b, int n) {
      int i = 0;
      while (i < n) {
        if (body > 0) {
          int skip = (int) Math.min(body, n - i);
          body -= skip;
          i += skip;
        } else {
          head.append((char) (b[i++] & 0xff));
          if (head.length() >= 4 && head.indexOf("\r\n\r\n", head.length() - 4) >= 0) {
            parse(head.toString().split("\r\n"));
            head.setLength(0);
          }
        }
      }
    }

    private void parse(String[] lines) {
      String payload = "";
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        if (name.equals("x-amz-content-sha256")) {
          payload = value;
        } else if (name.equals("content-length")) {
          body = Long.parseLong(value);
        }
      }
      String[] request = lines[0].split(" ");
      requests.add(request[0] + " " + request[1] + " " + payload);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "corrupting-proxy");
    t.setDaemon(true);
    t.start();
  }
}

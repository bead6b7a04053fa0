package it.continuo.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy on 127.0.0.1 that, once armed, flips one bit of the byte that is the {@code n}-th to
 * go upstream from then on: a link that damages data without breaking the connection.
 */
final class CorruptingProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Object lock = new Object();
  private long untilFlip = -1;
  private volatile boolean flipped;

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

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "corrupting-proxy");
    t.setDaemon(true);
    t.start();
  }
}

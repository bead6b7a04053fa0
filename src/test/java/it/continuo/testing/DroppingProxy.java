package it.continuo.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that forwards every connection to one server, and when armed cuts the
 * connection that carries a given number of bytes upstream: a link that drops mid-upload.
 *
 * <p>The cut is abrupt: both sockets are closed with a zero linger, so each side gets a reset, not
 * an orderly end of stream.
 */
public final class DroppingProxy implements AutoCloseable {
  private static final int BUFFER_SIZE = 16 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytesUpstream = new AtomicLong();
  private final Object armLock = new Object();
  private long untilDrop = -1; // bytes upstream left before the cut; -1 when disarmed
  private volatile boolean closed;

  /** Starts a proxy to {@code host:port} on an ephemeral port of 127.0.0.1. */
  public DroppingProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "dropping-proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the proxy listens on, on 127.0.0.1. */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Arms the proxy: counting from now, over all connections, the connection that carries the {@code
   * clientToServerBytes}-th byte upstream has that byte forwarded and is then cut. Once: the proxy
   * disarms itself after the cut and forwards normally again.
   */
  public void dropAfter(long clientToServerBytes) {
    if (clientToServerBytes < 1) {
      throw new IllegalArgumentException("bytes must be at least 1: " + clientToServerBytes);
    }
    synchronized (armLock) {
      untilDrop = clientToServerBytes;
    }
  }

  /** How many connections the proxy has accepted. */
  public int connections() {
    return connections.get();
  }

  /** How many bytes the proxy has forwarded from clients to the server, over all connections. */
  public long bytesUpstream() {
    return bytesUpstream.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Link link : links) {
      link.cut();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      Socket server = new Socket();
      try {
        server.connect(target, 5000);
      } catch (IOException e) {
        Link.reset(client);
        Link.reset(server);
        continue;
      }
      Link link = new Link(client, server);
      links.add(link);
      link.start(connections.get());
    }
  }

  /** How many of {@code n} bytes to forward before cutting; all of them when disarmed. */
  private long allowance(long n) {
    synchronized (armLock) {
      if (untilDrop < 0) {
        return n;
      }
      long allowed = Math.min(n, untilDrop);
      untilDrop -= allowed;
      return allowed;
    }
  }

  /** Whether the allowance just given ran the armed count out; disarms if so. */
  private boolean dropNow() {
    synchronized (armLock) {
      if (untilDrop == 0) {
        untilDrop = -1;
        return true;
      }
      return false;
    }
  }

  /** One proxied connection: a thread per direction. */
  private final class Link {
    private final Socket client;
    private final Socket server;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start(int number) {
      Thread up = new Thread(this::upstream, "dropping-proxy-up-" + number);
      Thread down = new Thread(this::downstream, "dropping-proxy-down-" + number);
      up.setDaemon(true);
      down.setDaemon(true);
      up.start();
      down.start();
    }

    private void upstream() {
      byte[] buffer = new byte[BUFFER_SIZE];
      try (InputStream in = client.getInputStream()) {
        OutputStream out = server.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          int allowed = (int) allowance(n);
          out.write(buffer, 0, allowed);
          out.flush();
          bytesUpstream.addAndGet(allowed);
          if (allowed < n || dropNow()) {
            cut();
            return;
          }
        }
        server.shutdownOutput(); // the client finished sending: pass the half-close on
      } catch (IOException e) {
        cut();
      }
    }

    private void downstream() {
      byte[] buffer = new byte[BUFFER_SIZE];
      try (InputStream in = server.getInputStream()) {
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
        client.shutdownOutput();
      } catch (IOException e) {
        cut();
      }
    }

    void cut() {
      links.remove(this);
      reset(client);
      reset(server);
    }

    static void reset(Socket socket) {
      try {
        if (!socket.isClosed()) {
          socket.setSoLinger(true, 0); // close sends RST, not FIN
        }
      } catch (SocketException e) {
        // already gone
      }
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}

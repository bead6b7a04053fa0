package it.continuo.failover.step;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** One TCP connection attempt, closed at once: whether something listens there now. */
final class TcpProbe {
  private TcpProbe() {}

  /** What one attempt found. */
  enum Answer {
    /** The connection was accepted. */
    ANSWERS,
    /** Refused, reset, no route, or no answer within the timeout. */
    SILENT
  }

  /**
   * Tries once.
   *
   * @param address a resolved address
   */
  static Answer probe(InetSocketAddress address, Duration timeout) throws InterruptedException {
    try (Socket s = new Socket()) {
      s.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      return Answer.ANSWERS;
    } catch (IOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while connecting to " + address);
      }
      return Answer.SILENT;
    }
  }

  /** {@code 127.0.0.2:3389 answers now} or {@code … does not answer now}, for plans. */
  static String now(String host, int port, Duration timeout) throws InterruptedException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    String where = host + ":" + port;
    if (address.isUnresolved()) {
      return where + ": cannot resolve " + host;
    }
    return where
        + (probe(address, timeout) == Answer.ANSWERS ? " answers now" : " does not answer now");
  }
}

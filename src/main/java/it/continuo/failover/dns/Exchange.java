package it.continuo.failover.dns;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * One request to one server and its answer, over TCP (no truncation, and a closed port is refused
 * at once instead of timing out); transport failures become {@link DnsException}s naming the server
 * and what was asked.
 */
final class Exchange {
  private final DnsServer server;

  Exchange(DnsServer server) {
    this.server = server;
  }

  /**
   * Sends {@code request}, signed with {@code key} when it is not null, and returns the answer
   * whatever its rcode.
   *
   * @param what what is asked, for messages ("the query for uno.lab.test.")
   */
  Message send(Message request, TSIG key, String what) throws DnsException {
    SimpleResolver resolver;
    try {
      resolver = new SimpleResolver(new InetSocketAddress(address(), server.port()));
    } catch (IllegalArgumentException e) {
      throw new DnsException("DNS server " + server + ": " + e.getMessage(), false, e);
    }
    resolver.setTCP(true);
    resolver.setTimeout(server.timeout());
    if (key != null) {
      resolver.setTSIGKey(key);
    }
    try {
      return resolver.send(request);
    } catch (SocketTimeoutException e) {
      throw timedOut(what, e);
    } catch (ConnectException | NoRouteToHostException e) {
      throw new DnsException(
          "DNS server " + server + " is unreachable (" + e.getMessage() + ") for " + what, true, e);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("timed out")) {
        throw timedOut(what, e);
      }
      throw new DnsException(
          "DNS server " + server + " failed for " + what + ": " + message, true, e);
    }
  }

  private DnsException timedOut(String what, IOException e) {
    return new DnsException(
        "DNS server "
            + server
            + " did not answer "
            + what
            + " within "
            + server.timeout().toMillis()
            + " ms",
        true,
        e);
  }

  private InetAddress address() throws DnsException {
    try {
      return InetAddress.getByName(server.host());
    } catch (UnknownHostException e) {
      throw new DnsException("DNS server " + server + ": unknown host " + server.host(), true, e);
    }
  }
}

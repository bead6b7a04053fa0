package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.dns.DnsServer;
import it.continuo.ssh.ExecResult;
import it.continuo.ssh.SshException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** One try of a wait or verify check: a TCP connection, an HTTP GET, or a command. */
final class Probes {
  private Probes() {}

  static String describe(StepConfig.Check check) {
    if (check instanceof StepConfig.TcpCheck t) {
      return "tcp " + t.host() + ":" + t.port() + via(t.resolver());
    }
    if (check instanceof StepConfig.HttpCheck h) {
      return "http " + h.url() + " answers " + h.expect() + via(h.resolver());
    }
    StepConfig.CommandCheck c = (StepConfig.CommandCheck) check;
    return "command " + (c.host() == null ? "here" : "on " + c.host().name()) + ": " + c.command();
  }

  private static String via(String resolver) {
    return resolver == null ? "" : " (name resolved by " + resolver + ")";
  }

  /**
   * One try within {@code timeout}.
   *
   * @return what answered, for the timeline
   * @throws StepException why it did not answer
   */
  static String once(StepConfig.Check check, StepContext context, Duration timeout)
      throws StepException, InterruptedException {
    if (check instanceof StepConfig.TcpCheck t) {
      return tcp(t, timeout);
    }
    if (check instanceof StepConfig.HttpCheck h) {
      return http(h, timeout);
    }
    return command((StepConfig.CommandCheck) check, context, timeout);
  }

  private static String tcp(StepConfig.TcpCheck t, Duration timeout) throws StepException {
    InetAddress address = resolve(t.host(), t.resolver(), timeout);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, t.port()), (int) Math.max(1, timeout.toMillis()));
      return "connected to " + address.getHostAddress() + ":" + t.port();
    } catch (IOException e) {
      throw new StepException(
          address.getHostAddress() + ":" + t.port() + ": " + reason(e), true, e);
    }
  }

  private static String http(StepConfig.HttpCheck h, Duration timeout)
      throws StepException, InterruptedException {
    URI url = h.url();
    String via = "";
    if (h.resolver() != null) {
      InetAddress address = resolve(url.getHost(), h.resolver(), timeout);
      via = " (" + url.getHost() + " is " + address.getHostAddress() + ")";
      try {
        url =
            new URI(
                url.getScheme(),
                url.getUserInfo(),
                address.getHostAddress(),
                url.getPort(),
                url.getPath(),
                url.getQuery(),
                url.getFragment());
      } catch (URISyntaxException e) {
        throw StepException.permanent("cannot address " + h.url() + " by " + address + ": " + e);
      }
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != h.expect()) {
        throw new StepException(
            h.url() + via + " answered " + r.statusCode() + ", not " + h.expect(), true);
      }
      return h.url() + via + " answered " + r.statusCode();
    } catch (IOException e) {
      throw new StepException(h.url() + via + ": " + reason(e), true, e);
    }
  }

  private static String command(StepConfig.CommandCheck c, StepContext context, Duration timeout)
      throws StepException, InterruptedException {
    if (c.host() != null) {
      try {
        ExecResult r = context.ssh(c.host()).exec(c.command(), timeout);
        if (!r.succeeded()) {
          throw new StepException(
              "exit " + r.exitCode() + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()), true);
        }
        return "exit 0" + tail(r.stdout());
      } catch (SshException e) {
        context.forget(c.host());
        throw new StepException(c.host().name() + ": " + e.getMessage(), true, e);
      }
    }
    Process p;
    try {
      p =
          new ProcessBuilder("sh", "-c", c.command())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw StepException.permanent("cannot run sh: " + e.getMessage());
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new StepException("no exit within " + Words.duration(timeout), true);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new StepException("exit " + p.exitValue() + tail(out), true);
      }
      return "exit 0" + tail(out);
    } catch (IOException e) {
      throw new StepException("reading the command's output: " + e.getMessage(), true, e);
    } finally {
      p.destroyForcibly();
    }
  }

  private static String tail(String out) {
    String t = Words.tail(out);
    return t.isEmpty() ? "" : ": " + t;
  }

  /** The address of {@code host}: literal, by the system's resolver, or by the given server. */
  static InetAddress resolve(String host, String resolver, Duration timeout) throws StepException {
    if (resolver == null) {
      try {
        return InetAddress.getByName(host);
      } catch (IOException e) {
        throw new StepException("cannot resolve " + host + ": " + reason(e), true, e);
      }
    }
    DnsServer server = DnsServer.parse(resolver, timeout);
    try {
      SimpleResolver r = new SimpleResolver(server.host());
      r.setPort(server.port());
      r.setTimeout(server.timeout());
      Lookup lookup = new Lookup(host.endsWith(".") ? host : host + ".", Type.A);
      lookup.setResolver(r);
      lookup.setCache(null);
      Record[] records = lookup.run();
      if (records == null || records.length == 0) {
        throw new StepException(
            resolver + " has no address for " + host + ": " + lookup.getErrorString(), true);
      }
      return ((ARecord) records[0]).getAddress();
    } catch (TextParseException e) {
      throw StepException.permanent("not a DNS name: " + host);
    } catch (IOException e) {
      throw new StepException("cannot ask " + resolver + ": " + reason(e), true, e);
    }
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}

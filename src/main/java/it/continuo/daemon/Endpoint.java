package it.continuo.daemon;

import it.continuo.config.Config;
import it.continuo.config.HttpConfig;
import it.continuo.http.StatusServer;
import it.continuo.status.StatusSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's status endpoint, following the {@code http} section: started when there is one,
 * restarted when it changes, stopped when it goes. A new address that cannot be bound refuses the
 * reload and the old endpoint goes on.
 */
final class Endpoint implements Daemon.Extension {
  private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

  private final Daemon daemon;
  private final StatusSource source;
  private HttpConfig current;
  private StatusServer server;

  Endpoint(Daemon daemon, StatusSource source, Config config) throws Exception {
    this.daemon = daemon;
    this.source = source;
    reconfigure(config);
  }

  @Override
  public synchronized void reconfigure(Config config) throws Exception {
    HttpConfig next = config.http();
    if (same(current, next)) {
      return;
    }
    StatusServer old = server;
    if (old != null) {
      old.close();
      server = null;
    }
    try {
      server = next == null ? null : start(next, config);
    } catch (Exception e) {
      if (current != null) {
        server = start(current, config);
      }
      throw e;
    }
    if (server == null && old != null) {
      log.info("status endpoint stopped");
    }
    current = next;
  }

  /** The endpoint, degraded while the morning report is, serving the agent's reports. */
  private StatusServer start(HttpConfig http, Config config) throws Exception {
    MorningReport morning = daemon.morning();
    return StatusServer.start(
        http, source, daemon::serving, morning::degradedReasons, morning.archive());
  }

  private static boolean same(HttpConfig a, HttpConfig b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.host().equals(b.host())
        && a.port() == b.port()
        && Objects.equals(a.token().reveal(), b.token().reveal());
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}

package it.continuo.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.continuo.config.HttpConfig;
import it.continuo.report.deliver.ReportArchive;
import it.continuo.status.StatusSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoint: {@code /health} for liveness checks, {@code /metrics} for Prometheus,
 * {@code /api/status} as JSON and the reports under {@code /reports/}. See the {@linkplain
 * it.continuo.http package} for what each answers. Started by {@link #start}, stopped by {@link
 * #close}.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
  private static final String BEARER_CHALLENGE = "Bearer realm=\"continuo\"";

  private final HttpServer server;
  private final ExecutorService executor;
  private final BearerToken token;
  private final Map<String, Route> routes;
  private final ReportPages reports;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** What a path answers, and whether it needs the token. */
  private record Route(boolean needsToken, Supplier<Reply> answer) {}

  private StatusServer(
      HttpServer server,
      ExecutorService executor,
      BearerToken token,
      StatusSource source,
      BooleanSupplier alive,
      Supplier<List<String>> degraded,
      ReportArchive reports) {
    this.server = server;
    this.executor = executor;
    this.token = token;
    StatusAnswers answers = new StatusAnswers(source);
    this.routes =
        Map.of(
            "/health", new Route(false, () -> health(alive, degraded)),
            "/metrics", new Route(true, answers::metrics),
            "/api/status", new Route(true, answers::status));
    this.reports = new ReportPages(reports);
  }

  /**
   * Listens on {@code config.host()} and {@code config.port()} (0 picks a free port, see {@link
   * #port()}) and serves until {@link #close()}.
   *
   * @param source computes the status anew for each {@code /metrics} and {@code /api/status}
   *     request, from up to two threads at once; it should answer within a few seconds, as
   *     Prometheus gives up a scrape after 10 s by default
   * @param alive true while the daemon runs; {@code /health} answers 503 once it is false, so a
   *     monitor sees a shutdown in progress as such
   * @param degraded why the agent runs but something is wrong (e.g. a report that could not be
   *     mailed), asked for each {@code /health} request; empty when all is well
   * @param reports the reports served under {@code /reports/}, or null when there are none
   * @throws IOException when the address cannot be resolved or bound (e.g. the port is in use)
   */
  public static StatusServer start(
      HttpConfig config,
      StatusSource source,
      BooleanSupplier alive,
      Supplier<List<String>> degraded,
      ReportArchive reports)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(alive, "alive");
    Objects.requireNonNull(degraded, "degraded");
    BearerToken token = new BearerToken(config.token().reveal());
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    if (address.isUnresolved()) {
      throw new IOException(
          "cannot listen on " + hostPort(config.host(), config.port()) + ": unknown host");
    }
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) { // in use, or not an address of this machine
      throw new IOException(
          "cannot listen on "
              + hostPort(config.host(), config.port())
              + " (http.listen): "
              + e.getMessage(),
          e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, threads());
    StatusServer status =
        new StatusServer(server, executor, token, source, alive, degraded, reports);
    server.createContext("/", status::handle);
    server.setExecutor(executor);
    server.start();
    log.info(
        "Status endpoint listening on http://{}/ (/metrics, /api/status and /reports/ need the"
            + " token {})",
        hostPort(config.host(), status.port()),
        config.token());
    return status;
  }

  /** The port listened on: the configured one, or the one picked for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address listened on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Stops listening and drops requests in progress, within about a second; a second call does
   * nothing. A daemon that stops should first make {@code alive} false, so that {@code /health}
   * says so while the rest shuts down.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // stop(n) of JDK 17 waits the whole n seconds even when no exchange is in progress; the
    // answers are small, so a request cut short by a stopping daemon is retried by its client.
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        log.warn("A status request still runs after the endpoint stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Status endpoint stopped");
  }

  private void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      Reply reply;
      try {
        reply = reply(exchange, method, path);
      } catch (RuntimeException e) {
        log.error("Bug: the status endpoint failed on {} {}", method, path, e);
        reply = Reply.error(500, "internal error; the agent's log has the details");
      }
      send(exchange, method, reply);
      log.debug("{} {} from {}: {}", method, path, exchange.getRemoteAddress(), reply.status());
    } catch (IOException e) {
      log.debug("Could not answer {} {}: {}", method, path, e.toString());
    }
  }

  private Reply reply(HttpExchange exchange, String method, String path) {
    Route route = routes.get(path);
    if (route == null && path.startsWith(ReportPages.PREFIX)) {
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      route = new Route(true, () -> reports.answer(path, accept));
    }
    if (route == null) {
      return Reply.error(
          404, "no such path; this endpoint serves /health, /metrics, /api/status and /reports/");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Reply.error(405, "only GET and HEAD are allowed").with("Allow", "GET, HEAD");
    }
    if (route.needsToken()) {
      // The header is never logged: it holds the token, or a wrong guess at it.
      switch (token.check(exchange.getRequestHeaders().getFirst("Authorization"))) {
        case MISSING:
          return Reply.error(401, "this path needs the header Authorization: Bearer TOKEN")
              .with("WWW-Authenticate", BEARER_CHALLENGE);
        case WRONG:
          log.debug("Wrong token for {} from {}", path, exchange.getRemoteAddress());
          return Reply.error(401, "wrong token").with("WWW-Authenticate", BEARER_CHALLENGE);
        case ACCEPTED:
          break;
      }
    }
    return route.answer().get();
  }

  private static Reply health(BooleanSupplier alive, Supplier<List<String>> degraded) {
    if (!alive.getAsBoolean()) {
      return Reply.text(503, Reply.JSON, "{\"status\":\"stopping\"}");
    }
    List<String> reasons = degraded.get();
    if (reasons.isEmpty()) {
      return Reply.text(200, Reply.JSON, "{\"status\":\"ok\"}");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "degraded");
    body.put("reasons", reasons);
    try {
      return Reply.json(200, body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings always serialize", e);
    }
  }

  private static void send(HttpExchange exchange, String method, Reply reply) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    headers.set("Cache-Control", "no-store");
    reply.headers().forEach(headers::set);
    byte[] body = reply.body();
    if (method.equals("HEAD") || body.length == 0) {
      exchange.sendResponseHeaders(reply.status(), -1); // -1: no body; 0 would mean chunked
      return;
    }
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "continuo-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

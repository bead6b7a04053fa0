package it.continuo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium driven over the DevTools protocol: started with {@code
 * --remote-debugging-port=0} in a fresh profile, its port read from the profile's {@code
 * DevToolsActivePort}, its first page reached by a WebSocket ({@link HttpClient}, messages as
 * JSON). Every event the page sends is kept, for the test to look at. Only loopback is used; the
 * process is ended by its own handle on {@link #close()}.
 *
 * <p>{@link #require()} skips the calling test when Chromium is not installed, and fails it in CI
 * ({@code CI=true}), where a missing browser must never pass unnoticed.
 */
public final class Chromium implements AutoCloseable {
  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  private static final Duration START = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  private Chromium(Process process, WebSocket.Builder builder, URI page)
      throws IOException, InterruptedException {
    this.process = process;
    try {
      this.socket =
          builder.buildAsync(page, new Listener()).get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("cannot open the DevTools WebSocket " + page + ": " + e, e);
    }
  }

  /** Chromium's path; skips the test when it is missing, fails it in CI. */
  public static Path require() {
    if (!Files.isExecutable(EXECUTABLE)) {
      String why = EXECUTABLE + " is not installed (scripts/test installs the chromium package)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    return EXECUTABLE;
  }

  /**
   * Starts Chromium headless with {@code profile} (a fresh directory) and a window of that size.
   */
  public static Chromium start(Path profile, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(profile);
    Path tmp = Files.createDirectories(profile.resolveSibling(profile.getFileName() + ".tmp"));
    ProcessBuilder chromium =
        new ProcessBuilder(
                require().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile());
    chromium.environment().put("TMPDIR", tmp.toString()); // its singleton socket, not in /tmp
    Process process = chromium.start();
    try {
      int port = port(profile.resolve("DevToolsActivePort"), process);
      HttpClient http = HttpClient.newBuilder().connectTimeout(START).build();
      return new Chromium(process, http.newWebSocketBuilder(), page(http, port));
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static int port(Path file, Process process) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      if (!process.isAlive()) {
        throw new IOException("chromium exited with " + process.exitValue() + " before listening");
      }
      Thread.sleep(50);
    }
    throw new IOException("chromium wrote no " + file + " within " + START);
  }

  private static URI page(HttpClient http, int port) throws IOException, InterruptedException {
    URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString());
      for (JsonNode target : JSON.readTree(response.body())) {
        if ("page".equals(target.path("type").asText())) {
          return URI.create(target.get("webSocketDebuggerUrl").asText());
        }
      }
      Thread.sleep(50);
    }
    throw new IOException("chromium shows no page at " + list);
  }

  /** Sends a command and waits for its result; a protocol error fails. */
  public JsonNode send(String method, Map<String, Object> params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(JSON.writeValueAsString(message), true).join();
    JsonNode reply;
    try {
      reply = answer.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(method + ": no answer from chromium: " + e, e);
    }
    if (reply.has("error")) {
      throw new IOException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  public JsonNode send(String method) throws IOException {
    return send(method, Map.of());
  }

  /** Waits until the page has sent an event of this method. */
  public JsonNode await(String method, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (JsonNode event : events) {
          if (method.equals(event.path("method").asText())) {
            return event;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("no " + method + " within " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(events, left);
      }
    }
  }

  /** Every event the page has sent so far. */
  public List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /**
   * Ends the browser and waits for its helper processes too (renderer, GPU, network, crash
   * handler): they write to the profile while they shut down, and a profile deleted under them
   * fails the test's clean-up.
   */
  @Override
  public void close() throws InterruptedException {
    socket.abort();
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle helper : helpers) {
      try {
        helper.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        helper.destroyForcibly();
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void received(String message) {
      JsonNode json;
      try {
        json = JSON.readTree(message);
      } catch (IOException e) {
        throw new IllegalStateException("chromium sent no JSON: " + message, e);
      }
      if (json.has("id")) {
        CompletableFuture<JsonNode> answer = pending.remove(json.get("id").asInt());
        if (answer != null) {
          answer.complete(json);
        }
        return;
      }
      synchronized (events) {
        events.add(json);
        events.notifyAll();
      }
    }
  }
}

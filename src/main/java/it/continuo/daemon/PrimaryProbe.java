package it.continuo.daemon;

import it.continuo.config.DetectionConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One round of probes of the primary: each {@code host:port} must accept a TCP connection, each URL
 * (the primary agent's {@code /health}) must answer 2xx to a GET, with the bearer token when the
 * detection gives one. Each probe has {@link #timeout} at most.
 */
final class PrimaryProbe {
  private final DetectionConfig detection;
  private final Duration timeout;
  private final HttpClient http;

  PrimaryProbe(DetectionConfig detection) {
    this.detection = detection;
    this.timeout = timeout(detection.interval());
    this.http =
        detection.http().isEmpty()
            ? null
            : HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
  }

  /**
   * A probe may take the interval, between 1 s (a first HTTP request in a busy JVM takes some
   * hundred milliseconds; a refused connection answers at once anyway) and 5 s.
   */
  static Duration timeout(Duration interval) {
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(5);
    return interval.compareTo(min) < 0 ? min : interval.compareTo(max) > 0 ? max : interval;
  }

  /** The probes that failed this round; empty when the primary answered every one. */
  List<Heartbeat.Failure> round() throws InterruptedException {
    List<Heartbeat.Failure> failures = new ArrayList<>();
    for (String target : detection.tcp()) {
      String error = tcp(target);
      if (error != null) {
        failures.add(new Heartbeat.Failure(target, error));
      }
    }
    for (URI url : detection.http()) {
      String error = http(url);
      if (error != null) {
        failures.add(new Heartbeat.Failure(url.toString(), error));
      }
    }
    return failures;
  }

  private String tcp(String target) {
    int colon = target.lastIndexOf(':');
    String host = target.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(target.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return null;
    } catch (ConnectException e) {
      return "refused";
    } catch (SocketTimeoutException e) {
      return "timed out";
    } catch (IOException e) {
      return "unreachable (" + e.getMessage() + ")";
    }
  }

  private String http(URI url) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    if (detection.token() != null) {
      request.header("Authorization", "Bearer " + detection.token().reveal());
    }
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status >= 200 && status < 300 ? null : "answered " + status;
    } catch (HttpTimeoutException e) {
      return "timed out";
    } catch (ConnectException e) {
      return "refused";
    } catch (IOException e) {
      return "unreachable (" + e.getMessage() + ")";
    }
  }
}

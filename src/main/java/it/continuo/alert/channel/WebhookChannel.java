package it.continuo.alert.channel;

import it.continuo.alert.Alert;
import it.continuo.alert.AlertException;
import it.continuo.alert.Channel;
import it.continuo.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs an alert as JSON; any answer but 2xx is a failure. */
public final class WebhookChannel implements Channel {
  private static final int MAX_ANSWER = 200;

  private final String name;
  private final URI url;
  private final Secret token;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param name the channel's name
   * @param url where to POST
   * @param token sent as {@code Authorization: Bearer}; null for none
   * @param timeout how long connecting, and then the answer, may take
   */
  public WebhookChannel(String name, URI url, Secret token, Duration timeout) {
    this.name = name;
    this.url = url;
    this.token = token;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws AlertException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "continuo-alert")
            .POST(HttpRequest.BodyPublishers.ofString(AlertJson.of(alert), StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token.reveal());
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AlertException(
          "channel " + name + ": no answer from " + where() + " in " + timeout.toSeconds() + " s",
          e);
    } catch (IOException e) {
      throw new AlertException(
          "channel " + name + ": cannot POST to " + where() + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlertException("channel " + name + ": interrupted while posting", e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String body = response.body() == null ? "" : response.body().strip();
      body = body.replaceAll("\\s+", " ");
      if (body.length() > MAX_ANSWER) {
        body = body.substring(0, MAX_ANSWER) + "…";
      }
      throw new AlertException(
          "channel "
              + name
              + ": "
              + where()
              + " answered HTTP "
              + status
              + (status == 401 || status == 403 ? " (is the token right?)" : "")
              + (body.isEmpty() ? "" : ": " + body));
    }
  }

  /** Scheme, host and port only: a webhook's path often holds its secret. */
  private String where() {
    int port = url.getPort();
    return url.getScheme() + "://" + url.getHost() + (port < 0 ? "" : ":" + port);
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable cause = e.getCause();
      return cause != null && cause.getMessage() != null
          ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
          : e.getClass().getSimpleName();
    }
    return m;
  }
}

package it.continuo.http;

import it.continuo.status.StatusSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of {@code /metrics} and {@code /api/status}, from a status computed anew for each
 * request. When the status cannot be read, {@code /api/status} answers 500 with the reason, and
 * {@code /metrics} answers 200 with {@code continuo_status_up 0}: Prometheus throws away the body
 * of a failed scrape, and this way an alert can tell "the agent cannot read its status" from "the
 * agent is down".
 */
final class StatusAnswers {
  private static final Logger log = LoggerFactory.getLogger(StatusAnswers.class);

  private final StatusSource source;

  StatusAnswers(StatusSource source) {
    this.source = source;
  }

  Reply metrics() {
    try {
      return Reply.text(200, Exposition.CONTENT_TYPE, PrometheusText.render(source.status()));
    } catch (Exception e) {
      failed("/metrics", e);
      return Reply.text(200, Exposition.CONTENT_TYPE, PrometheusText.unavailable());
    }
  }

  Reply status() {
    try {
      return Reply.json(200, source.status());
    } catch (Exception e) {
      failed("/api/status", e);
      return Reply.error(500, "the status could not be read: " + reason(e));
    }
  }

  private static void failed(String path, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    log.warn("The status could not be read for {}: {}", path, reason(e), e);
  }

  private static String reason(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}

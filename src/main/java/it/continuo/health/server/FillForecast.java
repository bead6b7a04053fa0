package it.continuo.health.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a file system will be full, from a least-squares line through its used bytes over the last
 * {@link #WINDOW}. Samples are kept in memory (the daemon feeds one per interval; a restart starts
 * afresh), at most one per {@link #SPACING}; with fewer than {@link #MIN_POINTS} samples, or over
 * less than {@link #MIN_SPAN}, or when usage is not growing, there is no forecast.
 */
final class FillForecast {
  static final Duration WINDOW = Duration.ofDays(7);
  static final Duration SPACING = Duration.ofMinutes(5);
  static final Duration MIN_SPAN = Duration.ofHours(6);
  static final int MIN_POINTS = 4;

  private record Point(Instant at, long used) {}

  /** A forecast: full in {@code days}, at the rate seen over {@code over}. */
  record Forecast(double days, Duration over) {}

  private final Map<String, Deque<Point>> history = new HashMap<>();

  /** Records that {@code subject} had {@code used} bytes in use at {@code at}. */
  void add(String subject, Instant at, long used) {
    Deque<Point> points = history.computeIfAbsent(subject, s -> new ArrayDeque<>());
    Point last = points.peekLast();
    if (last != null && Duration.between(last.at(), at).compareTo(SPACING) < 0) {
      return;
    }
    points.addLast(new Point(at, used));
    while (Duration.between(points.peekFirst().at(), at).compareTo(WINDOW) > 0) {
      points.removeFirst();
    }
  }

  /** Days until {@code available} more bytes are used at the current trend, if there is one. */
  Optional<Forecast> untilFull(String subject, long available) {
    Deque<Point> points = history.get(subject);
    if (points == null || points.size() < MIN_POINTS) {
      return Optional.empty();
    }
    Instant first = points.peekFirst().at();
    Duration span = Duration.between(first, points.peekLast().at());
    if (span.compareTo(MIN_SPAN) < 0) {
      return Optional.empty();
    }
    double n = points.size();
    double sx = 0;
    double sy = 0;
    for (Point p : points) {
      sx += seconds(first, p);
      sy += p.used();
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    for (Point p : points) {
      double dx = seconds(first, p) - mx;
      sxy += dx * (p.used() - my);
      sxx += dx * dx;
    }
    double bytesPerSecond = sxy / sxx;
    if (!(bytesPerSecond > 0)) {
      return Optional.empty();
    }
    return Optional.of(new Forecast(available / bytesPerSecond / 86_400, span));
  }

  void forget(String subject) {
    history.remove(subject);
  }

  private static double seconds(Instant first, Point p) {
    return Duration.between(first, p.at()).toMillis() / 1000.0;
  }
}

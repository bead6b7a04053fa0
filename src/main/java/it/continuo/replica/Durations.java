package it.continuo.replica;

import java.time.Duration;

/** Durations in words for messages: {@code 0s}, {@code 42s}, {@code 3m 12s}, {@code 2h 5m}. */
final class Durations {
  private Durations() {}

  static String words(Duration d) {
    if (d == null) {
      return "?";
    }
    long s = d.getSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
    }
    if (s < 86400) {
      return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + "m");
    }
    return (s / 86400) + "d" + ((s % 86400) / 3600 == 0 ? "" : " " + (s % 86400) / 3600 + "h");
  }
}

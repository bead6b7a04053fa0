package it.continuo.health.server;

import java.time.Duration;
import java.util.Locale;

/** Figures in findings' messages. */
final class Figures {
  private Figures() {}

  /** 182 GiB, 3.5 GiB, 700 MiB. */
  static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return (v < 10 && i > 0
            ? String.format(Locale.ROOT, "%.1f", v)
            : String.format(Locale.ROOT, "%.0f", v))
        + " "
        + units[i];
  }

  /** 91%. */
  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  /** 3 days, 7 hours, 20 minutes: rounded, in the largest unit that gives at least 2. */
  static String span(Duration d) {
    double minutes = d.toSeconds() / 60.0;
    if (minutes >= 2 * 1440) {
      return Math.round(minutes / 1440) + " days";
    }
    if (minutes >= 2 * 60) {
      return Math.round(minutes / 60) + " hours";
    }
    return Math.round(minutes) + " minutes";
  }
}

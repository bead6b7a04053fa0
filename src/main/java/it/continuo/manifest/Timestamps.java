package it.continuo.manifest;

import java.time.Instant;

/**
 * ISO 8601 UTC timestamps with nanoseconds, as {@link Instant#toString()} writes them, but without
 * its general-purpose formatter: manifests write two per entry.
 */
final class Timestamps {
  private Timestamps() {}

  static void append(StringBuilder out, Instant t) {
    long seconds = t.getEpochSecond();
    long days = Math.floorDiv(seconds, 86400);
    int secondOfDay = (int) Math.floorMod(seconds, 86400);
    // civil date from days since 1970-01-01 (H. Hinnant's algorithm)
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      out.append(t);
      return;
    }
    pad(out, year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, day, 2).append('T');
    pad(out, secondOfDay / 3600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    pad(out, secondOfDay % 60, 2);
    int nanos = t.getNano();
    if (nanos > 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(out, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        pad(out, nanos / 1000, 6);
      } else {
        pad(out, nanos, 9);
      }
    }
    out.append('Z');
  }

  private static StringBuilder pad(StringBuilder out, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s);
  }
}

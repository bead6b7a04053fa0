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

  /**
   * Parses what {@link #append} writes (UTC, 'Z', up to nine fraction digits) without the general
   * ISO parser; anything else goes to {@link Instant#parse}.
   */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
        return Instant.parse(s);
      }
      nanos = digits(s, 20, n - 1);
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return Instant.parse(s);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return Instant.parse(s); // it will say what is wrong
    }
    // days since 1970-01-01 of a civil date (H. Hinnant's algorithm)
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    return Instant.ofEpochSecond(days * 86400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number in s[from, to), or -1 if it is not all digits. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static StringBuilder pad(StringBuilder out, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s);
  }
}

package it.continuo.report.render;

import it.continuo.report.Finding;
import it.continuo.report.Findings;
import it.continuo.report.Rag;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Dates, times, sizes and durations as the report's language writes them: Italian {@code 25/11/2026
 * 22:00}, {@code 1.234,5 MB}, {@code 3 ore 20 min}; English {@code 25 Nov 2026 22:00}, {@code
 * 1,234.5 MB}, {@code 3 hours 20 min}. Times are in the agent's zone. Sizes are decimal (1 MB =
 * 1,000,000 bytes), as disks and links are sold.
 */
final class Formats {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private final Messages messages;
  private final ZoneId zone;
  private final DateTimeFormatter date;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter time;
  private final DateTimeFormatter day;
  private final DateTimeFormatter timeSeconds;

  Formats(Messages messages, ZoneId zone) {
    this.messages = messages;
    this.zone = zone;
    this.date = pattern("format.date");
    this.dateTime = pattern("format.dateTime");
    this.time = pattern("format.time");
    this.day = pattern("format.day");
    this.timeSeconds = pattern("format.timeSeconds");
  }

  private DateTimeFormatter pattern(String key) {
    return DateTimeFormatter.ofPattern(messages.get(key), messages.locale());
  }

  Messages messages() {
    return messages;
  }

  ZoneId zone() {
    return zone;
  }

  String date(LocalDate value) {
    return date.format(value);
  }

  String dateTime(Instant value) {
    return dateTime.format(value.atZone(zone));
  }

  String time(Instant value) {
    return time.format(value.atZone(zone));
  }

  /** A time to the second, for a timeline: {@code 05:40:12}. */
  String timeSeconds(Instant value) {
    return timeSeconds.format(value.atZone(zone));
  }

  /**
   * A short duration to the tenth of a second, {@code 0,4 s}, as a step of a timeline takes; a
   * minute or more as {@link #duration}.
   */
  String seconds(Duration value) {
    if (value.compareTo(Duration.ofMinutes(1)) >= 0) {
      return duration(value);
    }
    return decimal().format(Math.max(0, value.toMillis()) / 1000.0) + " s";
  }

  /** A day on a chart's axis: {@code 25/11} or {@code 25 Nov}. */
  String day(LocalDate value) {
    return day.format(value);
  }

  /** A whole number with the locale's grouping: {@code 12.345}. */
  String number(long value) {
    return NumberFormat.getIntegerInstance(messages.locale()).format(value);
  }

  /** A share from 0 to 1 as a whole percentage: {@code 87%}. */
  String percent(double share) {
    return NumberFormat.getPercentInstance(messages.locale()).format(share);
  }

  /** Bytes in the largest decimal unit that keeps a number of at least 1: {@code 1.234,5 MB}. */
  String bytes(long value) {
    if (value < 1000) {
      return number(value) + " B";
    }
    double scaled = value;
    int unit = 0;
    while (scaled >= 1000 * 1000 && unit < UNITS.length - 2) {
      scaled /= 1000;
      unit++;
    }
    scaled /= 1000;
    unit++;
    return decimal().format(scaled) + " " + UNITS[unit];
  }

  /** Bytes per second: {@code 85,2 MB/s}. */
  String rate(double bytesPerSecond) {
    return bytes(Math.round(bytesPerSecond)) + "/s";
  }

  /** One decimal, grouped: {@code 1.234,5}. */
  DecimalFormat decimal() {
    return new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(messages.locale()));
  }

  /**
   * The two largest units of a duration, in words: {@code 2 giorni 4 ore}, {@code 3 ore 20 min},
   * {@code 45 min}, {@code 30 s}; seconds only under a minute.
   */
  String duration(Duration value) {
    long seconds = Math.max(0, value.toSeconds());
    if (seconds < 60) {
      return messages.get("duration.seconds", seconds);
    }
    long[] amounts = {seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60};
    String[] keys = {"duration.days", "duration.hours", "duration.minutes"};
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
      if (amounts[i] > 0) {
        parts.add(messages.get(keys[i], amounts[i]));
      } else if (!parts.isEmpty()) {
        break; // "2 giorni", not "2 giorni 0 ore 5 min"
      }
    }
    return String.join(" ", parts);
  }

  /** The state in a word: OK, ATTENZIONE, CRITICO. */
  String state(Rag rag) {
    return messages.get("rag." + rag.name());
  }

  /** A finding in words, each argument formatted by its type. */
  String finding(Finding finding) {
    List<Object> args = finding.args();
    String key = "finding." + finding.code();
    if (Findings.NOT_VERIFIED.equals(finding.code()) && (args.size() < 3 || args.get(2) == null)) {
      key = "finding.not-verified.never";
    }
    if (!messages.has(key)) {
      return finding.code() + " " + args; // a code from a newer feature: its words, not its message
    }
    Object[] formatted = new Object[args.size()];
    for (int i = 0; i < formatted.length; i++) {
      formatted[i] = argument(args.get(i));
    }
    return messages.get(key, formatted);
  }

  private Object argument(Object arg) {
    if (arg instanceof Duration d) {
      return duration(d);
    }
    if (arg instanceof Instant i) {
      return dateTime(i);
    }
    if (arg instanceof LocalDate d) {
      return date(d);
    }
    if (arg instanceof Double share) {
      return percent(share);
    }
    return arg == null ? "" : arg; // strings as they are, whole numbers for choice patterns
  }
}

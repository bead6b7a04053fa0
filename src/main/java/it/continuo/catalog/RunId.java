package it.continuo.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run's identity: its UTC start second and level, e.g. {@code 20261123T220000Z-F}. Ids sort as
 * strings in time order.
 */
public record RunId(Instant start, Level level) implements Comparable<RunId> {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern SHAPE = Pattern.compile("\\d{8}T\\d{6}Z-[FI]");

  public RunId {
    start = start.truncatedTo(ChronoUnit.SECONDS);
  }

  public static Optional<RunId> parse(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      Instant start = Instant.from(FORMAT.parse(text.substring(0, 16)));
      return Optional.of(new RunId(start, Level.ofLetter(text.charAt(17))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A new id at {@code now}, moved past {@code latest} when the clock says otherwise (two runs in
   * one second, or a clock set back), so ids stay unique and ordered.
   */
  public static RunId next(Instant now, Level level, RunId latest) {
    Instant start = now.truncatedTo(ChronoUnit.SECONDS);
    if (latest != null && !start.isAfter(latest.start())) {
      start = latest.start().plusSeconds(1);
    }
    return new RunId(start, level);
  }

  @Override
  public String toString() {
    return FORMAT.format(start) + "-" + level.letter();
  }

  @Override
  public int compareTo(RunId o) {
    return toString().compareTo(o.toString());
  }
}

package it.continuo.restore;

import it.continuo.catalog.NoSuchRunException;
import it.continuo.catalog.RestorePoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Choosing a restore point by run id or by time. */
public final class PointInTime {
  private PointInTime() {}

  /**
   * Parses an ISO 8601 time: with an offset or 'Z' it is absolute; without one it is local time in
   * {@code zone}; a bare date means the end of that day.
   */
  public static Instant parse(String text, ZoneId zone) throws RestoreException {
    String t = text.trim().replace(' ', 'T');
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atTime(LocalTime.MAX).atZone(zone).toInstant();
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(t.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new RestoreException(
          "cannot read time \""
              + text
              + "\": use ISO 8601, e.g. 2026-11-24, 2026-11-24T18:30 or 2026-11-24T18:30:00+01:00");
    }
  }

  /** The newest usable point that started at or before {@code time}. */
  public static RestorePoint at(List<RestorePoint> points, Instant time) throws NoSuchRunException {
    RestorePoint best = null;
    for (RestorePoint p : points) {
      if (p.usable() && !p.id().start().isAfter(time)) {
        best = p;
      }
    }
    if (best == null) {
      throw new NoSuchRunException(
          time.equals(Instant.MAX)
              ? "there is no usable restore point yet"
              : "no restore point at or before " + time);
    }
    return best;
  }

  /** The newest usable point. */
  public static RestorePoint latest(List<RestorePoint> points) throws NoSuchRunException {
    for (int i = points.size() - 1; i >= 0; i--) {
      if (points.get(i).usable()) {
        return points.get(i);
      }
    }
    throw new NoSuchRunException("there is no restore point yet");
  }
}

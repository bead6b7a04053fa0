package it.continuo.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Conversions between Java values and columns, the same for H2 and PostgreSQL. */
final class Rows {
  /** The longest error or message kept; longer ones are cut, saying so. */
  static final int MAX_TEXT = 4000;

  /** The longest note of a run. */
  static final int MAX_NOTE = 1000;

  private Rows() {}

  /**
   * An instant as a TIMESTAMP WITH TIME ZONE in UTC, to the microsecond (what both databases keep;
   * truncating here makes both return the same value).
   */
  static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  static void setInstant(PreparedStatement p, int index, Instant at) throws SQLException {
    if (at == null) {
      p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      p.setObject(index, timestamp(at));
    }
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Text cut to {@code max} characters (never inside a surrogate pair), or null. */
  static String text(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }

  static String text(String s) {
    return text(s, MAX_TEXT);
  }
}

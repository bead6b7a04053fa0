package it.continuo.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Conversions between Java values and columns, the same for H2 and PostgreSQL. */
final class Rows {
  /** The longest error or message kept; longer ones are cut, saying so. */
  static final int MAX_TEXT = 4000;

  /** The longest note of a run. */
  static final int MAX_NOTE = 1000;

  /** The longest list of lines kept (problems, warnings). */
  static final int MAX_LINES_TEXT = 20000;

  /** The most lines of such a list. */
  static final int MAX_LINES = 20;

  private Rows() {}

  /**
   * The first {@link #MAX_LINES} lines, newline-separated, each cut to {@link #MAX_TEXT} characters
   * and no more of them than fit in {@link #MAX_LINES_TEXT}; null when there are none.
   */
  static String lines(java.util.List<String> lines) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (String line : lines) {
      String one = text(line.replace('\n', ' ').replace('\r', ' '));
      if (n == MAX_LINES || b.length() + one.length() + 1 > MAX_LINES_TEXT) {
        break;
      }
      if (n++ > 0) {
        b.append('\n');
      }
      b.append(one);
    }
    return n == 0 ? null : b.toString();
  }

  /** The lines of a column written by {@link #lines}. */
  static java.util.List<String> lines(String text) {
    return text == null || text.isEmpty()
        ? java.util.List.of()
        : java.util.List.of(text.split("\n"));
  }

  /**
   * An instant as a TIMESTAMP WITH TIME ZONE in UTC, to the microsecond (what both databases keep;
   * truncating here makes both return the same value).
   */
  static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /** Reads one row of a result set. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** The rows of {@code sql}, whose parameters are {@code params}, each read by {@code row}. */
  static <T> List<T> select(Connection c, String sql, Reader<T> row, Object... params)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      set(p, params);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(row.read(r));
        }
      }
    }
    return rows;
  }

  /** Sets {@code params} as the statement's parameters, in order. */
  static void set(PreparedStatement p, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      p.setObject(i + 1, params[i]);
    }
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

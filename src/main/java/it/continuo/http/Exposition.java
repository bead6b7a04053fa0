package it.continuo.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Prometheus text exposition (format 0.0.4) being put together: families are declared first, in
 * the order they are printed, and samples are added to them in any order, so that every family is
 * printed once with all its samples together. Families without samples are left out.
 */
final class Exposition {
  /** The {@code Content-Type} of the text format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** Declares a gauge; its samples are printed where it was declared. */
  Exposition gauge(String name, String help) {
    if (families.putIfAbsent(name, new Family(help)) != null) {
      throw new IllegalArgumentException("family declared twice: " + name);
    }
    return this;
  }

  /** Declares a gauge unless it is already declared (families named by what was measured). */
  Exposition gaugeIfAbsent(String name, String help) {
    families.putIfAbsent(name, new Family(help));
    return this;
  }

  /**
   * Adds a sample.
   *
   * @param labels label names and values, alternating
   */
  void add(String name, String value, String... labels) {
    Family family = families.get(name);
    if (family == null) {
      throw new IllegalArgumentException("family not declared: " + name);
    }
    StringBuilder line = family.samples.append(name);
    if (labels.length > 0) {
      line.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        line.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
        line.append(escapeLabelValue(labels[i + 1])).append('"');
      }
      line.append('}');
    }
    line.append(' ').append(value).append('\n');
  }

  /** Adds a measured value; not-a-number and infinities as Prometheus spells them. */
  void add(String name, double value, String... labels) {
    String text =
        Double.isNaN(value)
            ? "NaN"
            : Double.isInfinite(value)
                ? (value > 0 ? "+Inf" : "-Inf")
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    add(name, text, labels);
  }

  void add(String name, long value, String... labels) {
    add(name, Long.toString(value), labels);
  }

  void add(String name, boolean value, String... labels) {
    add(name, value ? "1" : "0", labels);
  }

  /** Adds an instant as seconds since the epoch, exact to the nanosecond. */
  void add(String name, Instant value, String... labels) {
    add(name, seconds(value.getEpochSecond(), value.getNano()), labels);
  }

  /** Adds a duration in seconds, exact to the nanosecond. */
  void add(String name, Duration value, String... labels) {
    add(name, seconds(value.getSeconds(), value.getNano()), labels);
  }

  /** The exposition: for each family with samples, its HELP and TYPE lines and its samples. */
  String text() {
    StringBuilder out = new StringBuilder();
    families.forEach(
        (name, family) -> {
          if (family.samples.length() > 0) {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help));
            out.append("\n# TYPE ").append(name).append(" gauge\n").append(family.samples);
          }
        });
    return out.toString();
  }

  // Plain decimals, never exponents: a timestamp reads the same in the text as in a dashboard.
  private static String seconds(long seconds, int nanos) {
    return BigDecimal.valueOf(seconds)
        .add(BigDecimal.valueOf(nanos, 9))
        .stripTrailingZeros()
        .toPlainString();
  }

  // An empty label value is, to Prometheus, the label's absence: the honest value of an unknown.
  static String escapeLabelValue(String value) {
    if (value == null) {
      return "";
    }
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static final class Family {
    final String help;
    final StringBuilder samples = new StringBuilder();

    Family(String help) {
      this.help = help;
    }
  }
}

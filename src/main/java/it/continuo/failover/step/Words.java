package it.continuo.failover.step;

import java.time.Duration;

/** Words for the timeline. */
final class Words {
  /** Output kept of a command, from each stream, in the timeline and the history. */
  static final int OUTPUT = 2000;

  private Words() {}

  /** {@code 350 ms}, {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 5 min}. */
  static String duration(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
  }

  /** The end of a command's output, at most {@link #OUTPUT} characters, stripped. */
  static String tail(String output) {
    String s = output == null ? "" : output.strip();
    return s.length() <= OUTPUT ? s : "…" + s.substring(s.length() - OUTPUT);
  }
}

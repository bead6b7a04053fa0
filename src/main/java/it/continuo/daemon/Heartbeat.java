package it.continuo.daemon;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heartbeats of one runbook's primary: counts consecutive failed rounds (a round fails when any
 * watched probe fails) and says when the primary is lost ({@code misses} in a row) and when it is
 * back (the first round where every probe answers). One failed round after a good one counts from
 * one again: a single lost packet never raises an incident. Not thread-safe: one watch thread.
 */
final class Heartbeat {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** What a round changed. */
  enum Change {
    /** Alive, and was. */
    NONE,
    /** A failed round, not yet {@code misses} in a row. */
    MISSED,
    /** This round made {@code misses} in a row: the primary is lost. */
    LOST,
    /** Still lost. */
    STILL_LOST,
    /** Every probe answers again after the primary was lost. */
    BACK
  }

  /** A probe that did not answer: what was probed and how it failed ("refused", "timed out"). */
  record Failure(String target, String error) {}

  private record Streak(int count, Instant since, String error) {}

  private final String primary;
  private final int misses;
  private final Map<String, Streak> failing = new LinkedHashMap<>();
  private int missedRounds;
  private boolean lost;
  private Instant lostSince;

  /**
   * @param primary the primary's name, first in the message
   * @param misses consecutive failed rounds that mean the primary is lost
   */
  Heartbeat(String primary, int misses) {
    this.primary = primary;
    this.misses = misses;
  }

  /** Takes one round's failures (none: every probe answered). */
  Change round(List<Failure> failures, Instant at) {
    Map<String, Streak> next = new LinkedHashMap<>();
    for (Failure f : failures) {
      Streak before = failing.get(f.target());
      next.put(
          f.target(),
          before == null
              ? new Streak(1, at, f.error())
              : new Streak(before.count() + 1, before.since(), f.error()));
    }
    failing.clear();
    failing.putAll(next);
    if (failures.isEmpty()) {
      missedRounds = 0;
      if (lost) {
        lost = false;
        return Change.BACK;
      }
      return Change.NONE;
    }
    missedRounds++;
    if (lost) {
      return Change.STILL_LOST;
    }
    if (missedRounds >= misses) {
      lost = true;
      lostSince = at;
      return Change.LOST;
    }
    return Change.MISSED;
  }

  boolean lost() {
    return lost;
  }

  /** When the primary was declared lost, or null. */
  Instant lostSince() {
    return lostSince;
  }

  /**
   * What failed, e.g. "primario: 127.0.0.2:8080 refused 3 times in a row since 05:40:12;
   * http://127.0.0.2:8420/health timed out 3 times in a row since 05:40:12".
   */
  String message(ZoneId zone) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Streak> e : failing.entrySet()) {
      Streak s = e.getValue();
      parts.add(
          e.getKey()
              + " "
              + s.error()
              + (s.count() == 1
                  ? " at " + TIME.format(s.since().atZone(zone))
                  : " "
                      + s.count()
                      + " times in a row since "
                      + TIME.format(s.since().atZone(zone))));
    }
    return primary + ": " + String.join("; ", parts);
  }
}

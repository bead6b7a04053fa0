package it.continuo.schedule;

import it.continuo.catalog.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What a backup trigger's fire means, given what already ran. A schedule promises one run per fire
 * time; a fire time is kept by a run that started at or after it (an interrupted run keeps
 * nothing), a full fire time only by a full. So:
 *
 * <ul>
 *   <li>when the full and the incremental fire together, the first of the two to run takes a full
 *       and the second finds nothing left to do;
 *   <li>after downtime, each trigger fires once and the first run makes up for every fire time
 *       missed (a catch-up), a full if a full was among them;
 *   <li>an incremental becomes a full when the last full is older than {@code maxFullAge}.
 * </ul>
 *
 * @param level what to run, or null when every fire time up to now is already kept
 * @param catchUp true when the run makes up for fire times missed while the daemon was not running
 * @param missed the fire times this run keeps, oldest first
 * @param reason why, in a sentence for the log and the history
 */
public record Due(Level level, boolean catchUp, List<Instant> missed, String reason) {

  /**
   * How late a fire may be and still be on time: Quartz's misfire threshold, a minute unless the
   * system property {@code continuo.schedule.onTime} (milliseconds) says otherwise (tests shrink
   * nights to seconds).
   */
  public static final Duration ON_TIME =
      Duration.ofMillis(Long.getLong("continuo.schedule.onTime", 60_000));

  /**
   * Decides a backup fire.
   *
   * @param schedule the job's schedule
   * @param fireTime when the trigger fired
   * @param since when the trigger was created; earlier fire times were never promised
   * @param lastAttempt when the newest run that was not interrupted started, or null
   * @param lastFullAttempt when the newest full that was not interrupted started, or null
   * @param lastFullSuccess when the newest full that stored a restore point started, or null
   * @param maxFullAge the job's {@code maxFullAge}, or null
   */
  public static Due decide(
      JobSchedule schedule,
      Instant fireTime,
      Instant since,
      Instant lastAttempt,
      Instant lastFullAttempt,
      Instant lastFullSuccess,
      Duration maxFullAge) {
    Instant from = since.minusMillis(1);
    List<Instant> fulls = schedule.times(Task.FULL, later(from, lastFullAttempt), fireTime);
    List<Instant> incrementals =
        schedule.times(Task.INCREMENTAL, later(from, lastAttempt), fireTime);
    if (fulls.isEmpty() && incrementals.isEmpty()) {
      return new Due(null, false, List.of(), "already done: a run started at " + lastAttempt);
    }
    TreeSet<Instant> kept = new TreeSet<>(fulls);
    kept.addAll(incrementals);
    boolean catchUp = kept.first().isBefore(fireTime.minus(ON_TIME));
    List<Instant> missed = List.copyOf(kept);
    ZoneId zone = schedule.zone();
    String late =
        catchUp
            ? "catch-up of "
                + missed.size()
                + (missed.size() == 1 ? " missed run (" : " missed runs (")
                + String.join(", ", missed.stream().map(t -> format(t, zone)).toList())
                + "): "
            : "";
    if (!fulls.isEmpty()) {
      return new Due(
          Level.FULL,
          catchUp,
          missed,
          late + "full scheduled at " + format(fulls.get(fulls.size() - 1), zone));
    }
    if (maxFullAge != null
        && lastFullSuccess != null
        && lastFullSuccess.plus(maxFullAge).isBefore(fireTime)) {
      return new Due(
          Level.FULL,
          catchUp,
          missed,
          late
              + "full instead of incremental: the last full, "
              + format(lastFullSuccess, zone)
              + ", is older than maxFullAge "
              + maxFullAge.toString().substring(2).toLowerCase(Locale.ROOT)
              + (maxFullAge.toDays() > 0 ? " (" + maxFullAge.toDays() + " days)" : ""));
    }
    return new Due(
        Level.INCREMENTAL,
        catchUp,
        missed,
        late
            + "incremental scheduled at "
            + format(incrementals.get(incrementals.size() - 1), zone));
  }

  private static Instant later(Instant a, Instant b) {
    return b == null || a.isAfter(b) ? a : b;
  }

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm:ss", Locale.ENGLISH);

  static String format(Instant t, ZoneId zone) {
    return (t.getEpochSecond() % 60 == 0 ? MINUTES : SECONDS).format(t.atZone(zone));
  }

  public boolean skip() {
    return level == null;
  }
}

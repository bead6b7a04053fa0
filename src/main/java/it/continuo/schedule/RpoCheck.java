package it.continuo.schedule;

import it.continuo.config.Config;
import it.continuo.config.ServiceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether each service's jobs are scheduled often enough for its RPO: a job whose backups can be
 * further apart than the RPO cannot meet it, however well every run goes. Looks at five weeks of
 * schedule, so that weekly and most monthly patterns show.
 */
public final class RpoCheck {
  static final Duration HORIZON = Duration.ofDays(35);

  private RpoCheck() {}

  /** One line for each job that cannot meet the RPO of a service that relies on it. */
  public static List<String> warnings(Config config, Instant from) {
    List<String> warnings = new ArrayList<>();
    for (ServiceConfig s : config.services()) {
      for (String job : s.jobs()) {
        JobSchedule schedule = new JobSchedule(config.jobs().get(job), config.agent().timezone());
        schedule
            .longestGap(from, HORIZON)
            .filter(gap -> gap.length().compareTo(s.rpo()) > 0)
            .ifPresent(
                gap ->
                    warnings.add(
                        "service \""
                            + s.name()
                            + "\": its RPO of "
                            + human(s.rpo())
                            + " cannot be met by job "
                            + job
                            + ", whose backups are up to "
                            + human(gap.length())
                            + " apart (from "
                            + Due.format(gap.from(), schedule.zone())
                            + " to "
                            + Due.format(gap.to(), schedule.zone())
                            + ")"));
      }
    }
    return warnings;
  }

  /** 4h, 1d, 1d 12h, 30m, 10s. */
  public static String human(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + "d");
    }
    if (hours > 0) {
      parts.add(hours + "h");
    }
    if (minutes > 0) {
      parts.add(minutes + "m");
    }
    if (d.toSecondsPart() > 0 || parts.isEmpty()) {
      parts.add(d.toSecondsPart() + "s");
    }
    return String.join(" ", parts).toLowerCase(Locale.ROOT);
  }
}

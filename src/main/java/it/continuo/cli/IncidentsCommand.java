package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.history.History;
import it.continuo.history.Incident;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code continuo incidents}: the open incidents and those resolved lately. */
@Command(
    name = "incidents",
    mixinStandardHelpOptions = true,
    description = {
      "List the open health incidents and those resolved in the last days, newest first, with who"
          + " was alerted and who acknowledged.",
      "Exit 0, or 1 when an incident is open."
    })
final class IncidentsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

  @ParentCommand ContinuoCommand root;

  @Option(names = "--json", description = "Print the incidents as JSON.")
  boolean json;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "7",
      description = "Resolved incidents of the last N days (default: ${DEFAULT-VALUE}).")
  int days;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (days < 0) {
      throw new UsageException("--days must be 0 or more");
    }
    Config config = root.loadConfig();
    List<Incident> incidents;
    try (History history = History.open(config.agent().dataDir())) {
      incidents = history.incidents(Instant.now().minus(Duration.ofDays(days)));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, incidents);
    } else if (incidents.isEmpty()) {
      out.println("no incidents open or resolved in the last " + days + " days");
    } else {
      ZoneId zone = config.agent().timezone();
      for (Incident i : incidents) {
        print(out, i, zone);
      }
    }
    return incidents.stream().anyMatch(Incident::open) ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private static void print(PrintWriter out, Incident i, ZoneId zone) {
    out.println(
        i.key()
            + "  "
            + (i.open() ? "OPEN " + i.severity() : "resolved")
            + "  since "
            + time(i.opened(), zone)
            + (i.open() ? "" : " until " + time(i.resolved(), zone)));
    out.println("  " + i.message());
    if (i.ack() != null) {
      out.println(
          "  acknowledged by "
              + i.ack().by()
              + " at "
              + time(i.ack().at(), zone)
              + (i.ack().note() == null ? "" : ": " + i.ack().note()));
    }
    for (Incident.Notification n : i.notifications()) {
      String outcome =
          n.sent() != null
              ? "sent " + time(n.sent(), zone)
              : n.givenUp()
                  ? "given up: " + n.error()
                  : "NOT DELIVERED yet"
                      + (n.error() == null ? "" : " (" + n.attempts() + " tries): " + n.error());
      out.println("  " + n.state() + " → " + n.channel() + ": " + outcome);
    }
  }

  private static String time(Instant t, ZoneId zone) {
    return TIME.format(t.atZone(zone));
  }
}

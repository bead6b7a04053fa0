package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.history.History;
import it.continuo.history.Incident;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code continuo ack INCIDENT}: someone knows; escalation stops, the recovery is still sent. */
@Command(
    name = "ack",
    mixinStandardHelpOptions = true,
    description = {
      "Acknowledge an open incident: it is escalated no further; its recovery is still sent.",
      "Exit 0, or 1 when no such incident is open."
    })
final class AckCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Parameters(paramLabel = "INCIDENT", description = "The incident key, e.g. raid:md0.")
  String incident;

  @Option(names = "--note", paramLabel = "TEXT", description = "What you are doing about it.")
  String note;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String who = who();
    try (History history = History.open(config.agent().dataDir())) {
      Optional<Incident> acked = history.acknowledge(incident, who, Instant.now(), note);
      if (acked.isEmpty()) {
        List<String> open = history.openIncidents().stream().map(Incident::key).toList();
        err.println(
            "continuo: no open incident "
                + incident
                + (open.isEmpty() ? " (none is open)" : "; open: " + String.join(", ", open)));
        return ExitCodes.FAILED;
      }
      out.println(
          "incident "
              + incident
              + " acknowledged by "
              + who
              + ": no further escalation; the recovery will still be sent");
      return ExitCodes.OK;
    }
  }

  /** The person: through sudo, the one who ran sudo. */
  static String who() {
    for (String variable : List.of("SUDO_USER", "USER")) {
      String v = System.getenv(variable);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return System.getProperty("user.name", "unknown");
  }
}

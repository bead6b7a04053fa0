package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.history.History;
import it.continuo.report.Evidence;
import it.continuo.report.ReportEngine;
import it.continuo.report.deliver.ReportArchive;
import it.continuo.report.deliver.ReportMailer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code continuo report}: the continuity manager's report of a day. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Make the continuity manager's report from the history: each service's achieved RPO from",
      "verified restore points, its forecast restore time against its RTO, the night's runs, the",
      "nightly verification and its coverage, 30 days of trends. Kept under dataDir/reports as",
      "HTML, PDF and JSON. Prints the subject line. Exit 1 when --email could not mail it."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Option(
      names = "--date",
      paramLabel = "DATE",
      description =
          "The day to report on, YYYY-MM-DD (default: today); an earlier day is as of its end.")
  String date;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write report.html, report.pdf and report.json into DIR.")
  Path out;

  @Option(names = "--email", description = "Mail it as reports.email says (one attempt).")
  boolean email;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    if (email && config.reports().email() == null) {
      throw new UsageException("--email: the configuration has no reports.email section");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (History history = History.open(config.agent().dataDir())) {
      ReportEngine engine =
          new ReportEngine(
              config, Evidence.of(history, config.agent().dataDir()), Clock.systemUTC());
      LocalDate day = day(engine);
      long start = System.nanoTime();
      ReportEngine.Made made = engine.make(day);
      long millis = (System.nanoTime() - start) / 1_000_000;
      out.println(made.rendered().subject());
      out.println("kept in " + made.saved() + " (made in " + millis + " ms)");
      if (this.out != null) {
        copy(made.saved(), this.out);
        out.println("written to " + this.out);
      }
      if (email) {
        try {
          new ReportMailer(config.reports().email()).send(made.rendered());
          out.println("mailed to " + String.join(", ", config.reports().email().to()));
        } catch (IOException e) {
          err.println("continuo: the report was not mailed: " + e.getMessage());
          return ExitCodes.FAILED;
        }
      }
      return ExitCodes.OK;
    }
  }

  private LocalDate day(ReportEngine engine) throws UsageException {
    if (date == null) {
      return engine.today();
    }
    try {
      LocalDate d = LocalDate.parse(date);
      if (d.isAfter(engine.today())) {
        throw new UsageException("--date " + date + " is in the future");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new UsageException("--date must be YYYY-MM-DD, not \"" + date + "\"");
    }
  }

  private static void copy(Path saved, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (ReportArchive.Format f : ReportArchive.Format.values()) {
      Files.copy(
          saved.resolve(f.fileName()),
          dir.resolve(f.fileName()),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

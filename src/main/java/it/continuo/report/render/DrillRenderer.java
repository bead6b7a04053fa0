package it.continuo.report.render;

import it.continuo.failover.FailoverRun;
import it.continuo.report.drill.DrillReport;
import it.continuo.report.drill.RenderedDrill;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a failover run's report ({@link DrillReport}) as the nightly report is rendered: one
 * template ({@code drill.xhtml.ftl}) makes the page and, through openhtmltopdf with the embedded
 * fonts, the PDF; words from the same bundles ({@code drill.*}), dates and durations by the same
 * formats. Thread-safe; make one and keep it.
 */
public final class DrillRenderer {
  static final String TEMPLATE = "drill.xhtml.ftl";

  private final Templates templates = new Templates();

  /**
   * @throws IOException when the page or the PDF cannot be made (a bug, not a user's mistake)
   */
  public RenderedDrill render(DrillReport report) throws IOException {
    Formats formats = new Formats(Messages.forLanguage(report.language()), report.zone());
    Map<String, Object> model = new HashMap<>(PageFunctions.of(formats));
    model.put("d", report);
    model.put("run", report.run());
    model.put("lang", formats.messages().language());
    model.put("title", title(report, formats));
    String html = templates.process(TEMPLATE, model);
    byte[] pdf = Pdf.render(html, id -> new byte[0]);
    return new RenderedDrill(subject(report, formats), html, pdf);
  }

  /** "Verbale della prova di disaster recovery — Gestionale Uno — 26/11/2026". */
  static String title(DrillReport report, Formats f) {
    return f.messages().get("drill.title." + report.run().mode().word())
        + " — "
        + report.run().service()
        + " — "
        + f.date(report.date());
  }

  /** The title and the outcome in words, e.g. "…: riuscita, RTO rispettato". */
  static String subject(DrillReport report, Formats f) {
    FailoverRun run = report.run();
    Messages m = f.messages();
    String outcome =
        m.get("drill.outcome." + (run.succeeded() ? "SUCCEEDED" : run.outcome().name()));
    if (run.outcome() == FailoverRun.Outcome.SUCCEEDED && !run.succeeded()) {
      outcome = m.get("drill.failback.FAILED");
    }
    return "[Continuo] " + title(report, f) + ": " + outcome;
  }
}

package it.continuo.report.render;

import it.continuo.report.RenderedReport;
import it.continuo.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renders a {@link Report} into every form it is kept, served and mailed in: the self-contained
 * page, the mail body with its charts as parts, the PDF, the JSON and the mail subject. One
 * template ({@code report.xhtml.ftl}, well-formed XHTML) makes the page, the mail body and the PDF;
 * only the charts' addresses differ ({@code data:}, {@code cid:}, {@code chart:}).
 *
 * <p>The charts, then the page and the mail body that embed them and the JSON, are made on a second
 * thread while the PDF is laid out on the caller's: all are slow the first time in a JVM (class
 * loading, compiling), and the daemon renders once a morning, so the first time is what counts.
 *
 * <pre>{@code
 * RenderedReport rendered = new ReportRenderer().render(report);
 * }</pre>
 *
 * <p>Thread-safe; make one and keep it.
 */
public final class ReportRenderer {
  static final String TEMPLATE = "report.xhtml.ftl";

  private final Templates templates = new Templates();

  /**
   * Renders the report in its language ({@code report.language()}: "it", the default, or "en").
   *
   * @throws IOException when the template, a chart or the PDF cannot be made (a bug, not a user's
   *     mistake)
   */
  public RenderedReport render(Report report) throws IOException {
    Formats formats = new Formats(Messages.forLanguage(report.language()), report.zone());
    Charts charts = new Charts(formats);
    List<Chart> list = charts.list(report.trends());
    ExecutorService second = Executors.newSingleThreadExecutor(Charts::thread);
    try {
      // second thread: the charts, then the pages that embed them and the JSON
      CompletableFuture<Map<String, byte[]>> pngs =
          CompletableFuture.supplyAsync(unchecked(() -> charts.draw(report.trends())), second);
      CompletableFuture<byte[]> json =
          CompletableFuture.supplyAsync(unchecked(() -> ReportJson.write(report)), second);
      CompletableFuture<List<String>> pages =
          pngs.thenApplyAsync(
              images ->
                  unchecked(
                          () ->
                              List.of(
                                  page(report, formats, list, inline(images)),
                                  page(report, formats, list, chart -> "cid:" + chart.id())))
                      .get(),
              second);
      // this thread: the PDF, fetching each chart when its layout reaches it
      byte[] pdf =
          Pdf.render(
              page(report, formats, list, chart -> Pdf.CHART_SCHEME + ":" + chart.id()),
              id -> join(pngs).get(id));
      return new RenderedReport(
          report.date(),
          Subject.of(report, formats),
          join(pages).get(0),
          join(pages).get(1),
          join(pngs),
          pdf,
          join(json));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      second.shutdownNow();
    }
  }

  private static Function<Chart, String> inline(Map<String, byte[]> images) {
    return chart ->
        "data:image/png;base64," + Base64.getEncoder().encodeToString(images.get(chart.id()));
  }

  private interface Work<T> {
    T get() throws IOException;
  }

  private static <T> Supplier<T> unchecked(Work<T> work) {
    return () -> {
      try {
        return work.get();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static <T> T join(CompletableFuture<T> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io;
      }
      throw new UncheckedIOException(new IOException("cannot render the report", e.getCause()));
    }
  }

  private String page(
      Report report, Formats formats, List<Chart> charts, Function<Chart, String> address)
      throws IOException {
    Map<String, Object> model = new HashMap<>(PageFunctions.of(report, formats));
    model.put("report", report);
    model.put("lang", formats.messages().language());
    List<Map<String, Object>> pictures = new ArrayList<>();
    for (Chart chart : charts) {
      pictures.add(
          Map.of(
              "id", chart.id(),
              "title", chart.title(),
              "src", address.apply(chart),
              "wide", chart.wide()));
    }
    model.put("charts", pictures);
    return templates.process(TEMPLATE, model);
  }
}

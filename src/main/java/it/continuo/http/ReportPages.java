package it.continuo.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import it.continuo.report.deliver.ReportArchive;
import it.continuo.report.deliver.ReportArchive.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers under {@code /reports/}, from the archive. A path is matched whole against the few
 * forms served, and a day is parsed strictly, before anything is read: no other path reaches the
 * file system.
 */
final class ReportPages {
  private static final Logger log = LoggerFactory.getLogger(ReportPages.class);

  static final String PREFIX = "/reports/";
  private static final Pattern REPORT =
      Pattern.compile("/reports/(latest|\\d{4}-\\d{2}-\\d{2})(\\.pdf|\\.json)?");
  private static final String PATHS =
      "/reports/ lists the reports; each is /reports/YYYY-MM-DD or /reports/latest, with .pdf or"
          + " .json for the PDF or the JSON";

  private final ReportArchive archive;

  /**
   * @param archive the reports kept, or null when this agent keeps none
   */
  ReportPages(ReportArchive archive) {
    this.archive = archive;
  }

  /**
   * @param path the request's path, starting with {@link #PREFIX}
   * @param accept the request's {@code Accept} header, or null
   */
  Reply answer(String path, String accept) {
    if (archive == null) {
      return Reply.error(404, "this agent keeps no reports");
    }
    try {
      if (path.equals(PREFIX)) {
        return wantsJson(accept) ? indexJson() : indexHtml();
      }
      if (path.equals(PREFIX + "index.json")) {
        return indexJson();
      }
      Matcher m = REPORT.matcher(path);
      if (!m.matches()) {
        return Reply.error(404, "no such path; " + PATHS);
      }
      Format format = format(m.group(2));
      if (m.group(1).equals("latest")) {
        Optional<LocalDate> latest = archive.latest();
        return latest.isEmpty()
            ? Reply.error(404, "no report has been made yet")
            : report(latest.get(), format);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(m.group(1));
      } catch (DateTimeParseException e) {
        return Reply.error(404, m.group(1) + " is not a day; " + PATHS);
      }
      return report(date, format);
    } catch (IOException e) {
      log.warn("The reports in {} could not be read for {}: {}", archive.dir(), path, e.toString());
      return Reply.error(500, "the reports could not be read; the agent's log has the details");
    }
  }

  private Reply report(LocalDate date, Format format) throws IOException {
    Optional<Path> file = archive.file(date, format);
    if (file.isEmpty()) {
      return missing(date);
    }
    byte[] body;
    try {
      body = Files.readAllBytes(file.get());
    } catch (NoSuchFileException e) {
      return missing(date); // pruned or replaced since it was found
    }
    Reply reply = new Reply(200, format.contentType(), body, Map.of());
    return format == Format.PDF
        ? reply.with("Content-Disposition", "inline; filename=\"continuo-report-" + date + ".pdf\"")
        : reply;
  }

  private static Reply missing(LocalDate date) {
    return Reply.error(404, "there is no report of " + date + "; /reports/ lists those kept");
  }

  private Reply indexJson() throws IOException {
    List<String> days = archive.dates().stream().map(LocalDate::toString).toList();
    try {
      return Reply.json(200, days);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  private Reply indexHtml() throws IOException {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">");
    html.append("<title>Continuo reports</title></head>\n<body>\n<h1>Reports</h1>\n");
    List<LocalDate> days = archive.dates();
    if (days.isEmpty()) {
      html.append("<p>No report has been made yet.</p>\n");
    } else {
      html.append("<ul>\n");
      for (LocalDate day : days) { // dates only: nothing to escape
        String link = PREFIX + day;
        html.append("<li><a href=\"").append(link).append("\">").append(day).append("</a>");
        html.append(" (<a href=\"").append(link).append(".pdf\">PDF</a>, ");
        html.append("<a href=\"").append(link).append(".json\">JSON</a>)</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</body>\n</html>\n");
    return Reply.text(200, Format.HTML.contentType(), html.toString());
  }

  private static boolean wantsJson(String accept) {
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }

  private static Format format(String extension) {
    if (extension == null) {
      return Format.HTML;
    }
    return extension.equals(".pdf") ? Format.PDF : Format.JSON;
  }
}

package it.continuo.report.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.continuo.report.Report;
import it.continuo.status.StatusJson;
import java.io.IOException;

/**
 * The report as JSON, language-neutral, with the project's one mapper ({@link StatusJson}): {@code
 * "format": "continuo-report"} and {@code "version": 1} first, then every field of {@link Report}
 * by its name. Instants are ISO 8601 in UTC ({@code 2026-11-25T06:00:00Z}), dates ISO ({@code
 * 2026-11-25}), durations ISO 8601 ({@code PT26H30M}), the zone by its id; findings carry their
 * code and arguments as they are (no words), states are GREEN, AMBER or RED; null fields are left
 * out. A reader tells a version-1 document by those two fields.
 */
final class ReportJson {
  static final String FORMAT = "continuo-report";
  static final int VERSION = 1;

  private ReportJson() {}

  static byte[] write(Report report) throws IOException {
    ObjectNode root = StatusJson.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.setAll((ObjectNode) StatusJson.MAPPER.valueToTree(report));
    return StatusJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }
}

package it.continuo.report;

import java.time.LocalDate;
import java.util.Map;

/**
 * A report in every form it is kept, served and mailed in.
 *
 * @param date the day it reports on
 * @param subject the mail subject, saying in words when something is wrong
 * @param html the self-contained page (CSS inline, charts as {@code data:} images)
 * @param mailHtml the same page for a mail body: charts as {@code cid:} references to {@code
 *     images}, which mail clients show where they block {@code data:} images
 * @param images the charts as PNG, by content id (as referenced from {@code mailHtml})
 * @param pdf the PDF
 * @param json the report as JSON (UTF-8)
 */
public record RenderedReport(
    LocalDate date,
    String subject,
    String html,
    String mailHtml,
    Map<String, byte[]> images,
    byte[] pdf,
    byte[] json) {}

/**
 * Renders a {@link it.continuo.report.Report} into a {@link it.continuo.report.RenderedReport}:
 * {@link it.continuo.report.render.ReportRenderer} is the one public type.
 *
 * <p>One FreeMarker template ({@code report.xhtml.ftl}, well-formed XHTML with its CSS inline)
 * makes the page, the mail body and, through openhtmltopdf, the A4 PDF; the three differ only in
 * the charts' addresses ({@code data:} for the page and the PDF, {@code cid:} for the mail). Every
 * word comes from {@code messages_it.properties} or {@code messages_en.properties} (UTF-8), every
 * figure from {@code Formats} in the language's way, in the agent's time zone. The charts are
 * JFreeChart PNGs drawn headless. The JSON is the report itself, language-neutral. Nothing is
 * written anywhere: storing, serving and mailing belong to {@code it.continuo.report.deliver}.
 */
package it.continuo.report.render;

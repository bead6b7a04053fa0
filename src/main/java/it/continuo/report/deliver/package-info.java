/**
 * What happens to a rendered report: {@link it.continuo.report.deliver.ReportArchive} keeps it
 * under {@code dataDir/reports}, the status endpoint serves it from there, and {@link
 * it.continuo.report.deliver.ReportDelivery} mails it through a {@link
 * it.continuo.report.deliver.ReportMailer}, trying again, and says on {@code /health} when it could
 * not.
 *
 * <p>The archive holds one directory per day, {@code YYYY-MM-DD/} with {@code report.html}, {@code
 * report.pdf} and {@code report.json}. A day is written into {@code .tmp-YYYY-MM-DD-…} next to it,
 * every file and the directory synced, and then renamed into place; a day that already exists is
 * first renamed aside to {@code .old-YYYY-MM-DD-…}. Only names that are dates are listed, so a
 * reader sees a day whole or not at all. What a crash leaves behind: a {@code .tmp-} directory
 * (never listed, deleted by the next save or prune) or, between the two renames of a replacement,
 * the old day aside and no day in place (the next save or prune puts it back before anything else).
 * Pruning renames a day aside before deleting it, for the same reason. Names that are neither dates
 * nor such leftovers are never touched.
 *
 * <p>Mailing: one message, {@code multipart/mixed} of a {@code multipart/related} (the HTML body
 * and the charts it references by {@code cid:}) and the PDF as an attachment. The SMTP password is
 * sent only to the server and never appears in a message or log line. A failed mailing is tried
 * again after 1 and then 5 minutes; when every attempt fails the agent is degraded, with the
 * reason, until a later mailing succeeds. The report stays in the archive either way.
 */
package it.continuo.report.deliver;

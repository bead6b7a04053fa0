/**
 * The continuity manager's report: for each service of the plan, could it be restored now, to what
 * point, and how fast, from evidence. {@link it.continuo.report.ReportBuilder} reads the history
 * (runs and nightly verifications) and the configuration into a {@link it.continuo.report.Report};
 * {@code render} turns it into HTML, PDF and JSON in Italian or English; {@code deliver} keeps it
 * under {@code dataDir/reports}, serves it and mails it.
 */
package it.continuo.report;

/**
 * The report of a failover run, the machine-made "verbale" of a drill (issue 8): {@link
 * it.continuo.report.drill.DrillReport} is what it says (the timeline, who triggered it, RPO and
 * RTO against the service's targets, the failback, what failed and what was undone, when the next
 * drill is due), rendered by {@link it.continuo.report.render.DrillRenderer} with the nightly
 * report's templates, fonts and words; {@link it.continuo.report.drill.DrillReports} writes it
 * under {@code dataDir/reports/drills/}, records its path on the run and mails it. A crash while
 * writing leaves at most a {@code .tmp-} file in that directory, never a half report under the
 * report's name.
 */
package it.continuo.report.drill;

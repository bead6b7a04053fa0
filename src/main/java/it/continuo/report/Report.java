package it.continuo.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The continuity manager's report for one day, as data: every figure comes from the history (runs,
 * nightly verifications), never from the schedule. Rendered to HTML, PDF and JSON by {@code
 * it.continuo.report.render}.
 *
 * @param agent the agent's name
 * @param date the day reported on (in {@code zone})
 * @param generated when the report was made; "now" for every age in it
 * @param zone the agent's time zone
 * @param language "it" or "en"
 * @param summary the one-screen summary
 * @param services each service of the catalogue, in the file's order
 * @param jobs each job, in the file's order
 * @param trends 30 days of each job and service
 * @param sections the parts other features fill (health, replica, drill), present even when not
 *     configured
 */
public record Report(
    String agent,
    LocalDate date,
    Instant generated,
    ZoneId zone,
    String language,
    Summary summary,
    List<ServiceReport> services,
    List<JobReport> jobs,
    Trends trends,
    List<Section> sections) {}

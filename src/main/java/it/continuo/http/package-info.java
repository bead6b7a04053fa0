/**
 * The daemon's HTTP endpoint, for monitoring: {@link it.continuo.http.StatusServer} is the one type
 * the daemon needs.
 *
 * <ul>
 *   <li>{@code GET /health}: liveness, open to anyone who can reach the port. {@code 200
 *       {"status":"ok"}} while the daemon runs, {@code 200 {"status":"degraded","reasons":[…]}}
 *       while it runs but something it does on its own failed (a report that could not be mailed,
 *       until a later one is), {@code 503 {"status":"stopping"}} once it has begun to shut down. It
 *       says the process answers, not that backups are fine: that is what {@code /metrics} is for.
 *   <li>{@code GET /metrics}: the status in the Prometheus text format 0.0.4, every metric a gauge
 *       named {@code continuo_…} (last success, last run with its outcome, duration, files and
 *       bytes, what each target stored, next run, verification results, restore points and
 *       reachability of each target). A value that is not known has no sample. A Continuo job is
 *       the label {@code backup_job}: Prometheus keeps {@code job} for its own scrape job.
 *   <li>{@code GET /api/status}: the {@link it.continuo.status.AgentStatus} as JSON, the same as
 *       {@code continuo status --json}: instants in ISO 8601 UTC, durations in ISO 8601 ({@code
 *       PT12M3.5S}), null fields left out.
 *   <li>{@code GET /reports/}: the continuity manager's reports kept by {@link
 *       it.continuo.report.deliver.ReportArchive}, as an HTML list of the days, newest first
 *       ({@code /reports/index.json}, or {@code Accept: application/json}: a JSON array of {@code
 *       "YYYY-MM-DD"}); {@code /reports/YYYY-MM-DD} and {@code /reports/latest} are the HTML
 *       report, with {@code .pdf} or {@code .json} the PDF or the JSON. A day not kept answers 404
 *       with a sentence saying so. The path is matched whole against these forms and the day parsed
 *       strictly before any file is read, so {@code ..} or an impossible date is a 404 that never
 *       reaches the file system.
 * </ul>
 *
 * <p>Every path but {@code /health} needs {@code Authorization: Bearer TOKEN} with the token of
 * {@code http.token}; without it the answer is 401 with {@code WWW-Authenticate: Bearer
 * realm="continuo"}. The token is compared in constant time and neither it nor the header is ever
 * logged. Only GET and HEAD are served (else 405); other paths answer 404. The endpoint listens
 * only on the configured address, loopback by default.
 *
 * <p>On failure: the status is computed anew for each request, so one that cannot be computed (the
 * history database unreachable, a bug) costs that request only. It is logged at WARN; {@code
 * /api/status} answers 500 with the reason, and {@code /metrics} answers 200 with {@code
 * continuo_status_up 0} and nothing else, because Prometheus discards the body of a failed scrape.
 * A target that cannot be listed shows as {@code continuo_target_reachable 0}, not as an error.
 * Nothing here writes anything; a crash loses nothing.
 */
package it.continuo.http;

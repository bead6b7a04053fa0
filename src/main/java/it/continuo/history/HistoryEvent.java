package it.continuo.history;

import java.time.Instant;

/**
 * Something that happened besides runs, verifications and prunes.
 *
 * @param at when
 * @param kind what sort of thing, e.g. "daemon", "schedule", "catch-up", "reload"
 * @param job the job it concerns, or null
 * @param severity e.g. "info", "warn", "error"
 * @param message what happened, in a line
 */
public record HistoryEvent(Instant at, String kind, String job, String severity, String message) {}

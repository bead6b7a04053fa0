/**
 * The daemon's logging, set up in code (no logback.xml, which costs a command a noticeable part of
 * a second): human-readable lines on standard error, which systemd sends to the journal, and
 * optionally one JSON object per line in a file rotated by size.
 *
 * <p>{@link it.continuo.logging.DaemonLogging#configure} is the one entry point; the daemon calls
 * it at start and again on each reload. Under journald (the {@code JOURNAL_STREAM} variable is set)
 * a line carries no timestamp, since the journal adds one, and starts with its syslog priority
 * ({@code <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug) so that {@code
 * journalctl -p warning} selects by level.
 *
 * <p>On failure: a JSON file that cannot be opened is reported as an {@link java.io.IOException};
 * console logging is in place before that, and on a reload a file that was open stays in use when
 * the new one is at another path. A crash loses at most the JSON line being written; rotation
 * renames {@code FILE.1 … FILE.N} one step up and {@code FILE} to {@code FILE.1}, so a crash during
 * rotation can leave one gap in the numbering, never a half file.
 */
package it.continuo.logging;

/**
 * The {@code continuo} command line: one thin class per command that parses its options, calls an
 * engine and prints the result as text or JSON.
 *
 * <p>Exit codes are stable and documented in the README: 0 success, 1 failed (or damage found), 2
 * usage or configuration error, 3 partial (some source files could not be read), 11 another run
 * holds the job's lock. Errors a user can act on print one line; anything unexpected prints a stack
 * trace and says it is a bug.
 *
 * <p>{@code continuo backup} hands its run to the agent's daemon when one runs with the same
 * configuration file ({@link it.continuo.cli.DaemonClient}, {@link it.continuo.cli.ControlSocket}):
 * the run then happens in the daemon's warm JVM, as its scheduled runs do, and the command shows it
 * as if it ran it itself. When no daemon takes it, the command runs it.
 */
package it.continuo.cli;

/**
 * The {@code continuo} command line: one thin class per command that parses its options, calls an
 * engine and prints the result as text or JSON.
 *
 * <p>Exit codes are stable and documented in the README: 0 success, 1 failed (or damage found), 2
 * usage or configuration error, 3 partial (some source files could not be read), 11 another run
 * holds the job's lock. Errors a user can act on print one line; anything unexpected prints a stack
 * trace and says it is a bug.
 */
package it.continuo.cli;

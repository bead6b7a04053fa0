/**
 * The step kinds of a runbook, one class each, made by {@link it.continuo.failover.step.Steps} from
 * their configuration. Each step talks to one kind of thing (a replica check, an SSH server, a DNS
 * server, an alert channel) and leaves timeouts, retries and ordering to the runner.
 *
 * <p>What an interrupted run leaves behind, and why the undo still works: {@code fence} changes
 * only the primary (no undo). {@code hosts} writes each file's backup before the file itself and
 * replaces files by renaming a temporary file over them, so a client holds either the old or the
 * new content, perhaps a stray {@code .FILE.continuo-*.tmp} beside it, and the backup of every file
 * it changed; its undo works from those backups alone. {@code vip} leaves the address on one host,
 * on both (on the old primary only when it could not be reached, which the fence before it covers)
 * or on neither; its undo deletes and adds whichever is needed.
 */
package it.continuo.failover.step;

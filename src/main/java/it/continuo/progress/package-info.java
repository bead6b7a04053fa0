/**
 * What engines report while they work: warnings and notes as they happen ({@link
 * it.continuo.progress.Listener}) and counters another thread may poll ({@link
 * it.continuo.progress.Progress}), so the CLI can draw a progress line and the daemon can log.
 */
package it.continuo.progress;

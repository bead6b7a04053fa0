/**
 * What the agent knows about its jobs at one moment: the last run and the last success of each job,
 * its next scheduled run, its last verification and the chain on each of its targets. Built from
 * the history database, the scheduler and the targets; shown by {@code continuo status}, by the
 * daemon's {@code /api/status} and {@code /metrics}, and (later) by the report. A part that cannot
 * be read (a target down, no history yet) is given as such, never as a made-up value.
 */
package it.continuo.status;

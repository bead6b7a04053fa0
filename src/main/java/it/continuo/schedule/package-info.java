/**
 * When jobs run: each job's {@code full}, {@code incremental} and {@code verify} cron expressions
 * become Quartz triggers kept in a JDBC job store on an embedded H2 database under {@code
 * dataDir/schedule}, so that a daemon started after downtime knows which fires it missed. A fire
 * only hands a {@link it.continuo.schedule.Task} to a {@link it.continuo.schedule.FireHandler};
 * what a fire means (full or incremental, a catch-up, nothing because already done) is decided by
 * {@link it.continuo.schedule.Due}, plain code with the time passed in, so tests move time instead
 * of sleeping. Quartz types stay inside this package.
 *
 * <p>On failure: a job store that cannot be opened stops the daemon at start with the reason; a
 * trigger that cannot be stored on reload leaves the old one in place and is reported.
 */
package it.continuo.schedule;

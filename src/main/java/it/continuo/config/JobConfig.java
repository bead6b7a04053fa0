package it.continuo.config;

/**
 * A {@code jobs} entry: one source backed up to one target on two schedules.
 *
 * @param name its key in the file, the second directory level on the target
 * @param source the source's name
 * @param target the target's name
 * @param full Quartz cron expression of full backups
 * @param incremental Quartz cron expression of incremental backups
 * @param hooks commands around each run
 */
public record JobConfig(
    String name,
    String source,
    String target,
    String full,
    String incremental,
    HooksConfig hooks) {}

package it.continuo.config;

import java.util.List;

/**
 * A {@code jobs} entry: one source backed up to one or more targets on two schedules. Every run
 * reads the source once and stores the same run on each target.
 *
 * @param name its key in the file, the second directory level on the target
 * @param source the source's name
 * @param targets the targets' names, the first being where commands look by default
 * @param full Quartz cron expression of full backups
 * @param incremental Quartz cron expression of incremental backups
 * @param hooks commands around each run
 */
public record JobConfig(
    String name,
    String source,
    List<String> targets,
    String full,
    String incremental,
    HooksConfig hooks) {}

package it.continuo.config;

import java.time.Duration;
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
 * @param maxFullAge a run is taken as a full when the last full is older than this; null when fulls
 *     come only from the {@code full} schedule
 * @param keep which restore points retention keeps; {@link KeepConfig#ALL} when not set
 * @param verify Quartz cron expression of scheduled verification of the newest run on every target,
 *     or null
 */
public record JobConfig(
    String name,
    String source,
    List<String> targets,
    String full,
    String incremental,
    HooksConfig hooks,
    Duration maxFullAge,
    KeepConfig keep,
    String verify) {}

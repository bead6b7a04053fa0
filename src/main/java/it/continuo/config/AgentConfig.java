package it.continuo.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code agent} section.
 *
 * @param name the agent's name, the first directory level on every target
 * @param dataDir where the agent keeps its locks and (later) its history database
 * @param timezone the zone of cron schedules and of times without a zone
 * @param language the language of reports ("it" or "en")
 * @param compressionLevel zstd level of archives (1-19, default 3)
 * @param compressionThreads zstd worker threads (0 = one per core)
 * @param maxConcurrentJobs how many scheduled runs of jobs with no target in common may run at once
 *     (runs sharing a target always run one at a time)
 * @param shutdownGrace how long a stopping daemon lets a running backup go on before aborting it
 */
public record AgentConfig(
    String name,
    Path dataDir,
    ZoneId timezone,
    String language,
    int compressionLevel,
    int compressionThreads,
    int maxConcurrentJobs,
    Duration shutdownGrace) {}

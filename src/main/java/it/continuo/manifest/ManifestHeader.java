package it.continuo.manifest;

import java.time.Instant;
import java.util.List;

/**
 * The first line of a manifest.
 *
 * @param run the run id
 * @param job the job name
 * @param level "full" or "incremental"
 * @param parent the run this one was compared against, null for a full
 * @param agent the agent name (the directory on the target)
 * @param host the host name of the machine that ran the backup
 * @param start when the run started
 * @param software "continuo VERSION"
 * @param sources the absolute source paths of the job
 */
public record ManifestHeader(
    String run,
    String job,
    String level,
    String parent,
    String agent,
    String host,
    Instant start,
    String software,
    List<String> sources) {}

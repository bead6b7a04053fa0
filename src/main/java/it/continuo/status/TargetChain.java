package it.continuo.status;

import java.time.Instant;
import java.util.List;

/**
 * The restore points of a job on one target.
 *
 * @param target the target
 * @param error why the target could not be listed, or null
 * @param points restore points listed (usable or not)
 * @param damaged points whose manifest cannot be read
 * @param newest the newest run, or null
 * @param newestAt when the newest run started, or null
 * @param chain the runs of the newest chain, its full first, or empty
 */
public record TargetChain(
    String target,
    String error,
    int points,
    int damaged,
    String newest,
    Instant newestAt,
    List<String> chain) {}

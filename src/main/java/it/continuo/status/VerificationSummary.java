package it.continuo.status;

import java.time.Instant;

/**
 * One verification of one run on one target.
 *
 * @param target the target
 * @param run the run verified
 * @param at when it ended
 * @param ok true when nothing was wrong
 * @param problems how many problems it found
 * @param bytesChecked content bytes hashed
 */
public record VerificationSummary(
    String target, String run, Instant at, boolean ok, long problems, long bytesChecked) {}

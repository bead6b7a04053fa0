package it.continuo.status;

/**
 * How one target fared in one run.
 *
 * @param target the target's name
 * @param stored true when the run is committed there
 * @param storedBytes bytes stored there (after encryption), 0 when not stored
 * @param error why not, or null
 */
public record TargetOutcome(String target, boolean stored, long storedBytes, String error) {}

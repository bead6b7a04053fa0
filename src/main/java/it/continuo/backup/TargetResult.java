package it.continuo.backup;

/**
 * How a run fared on one of its targets.
 *
 * @param target the target's name
 * @param stored true when the run is committed there
 * @param error why it is not, or null
 * @param storedBytes bytes stored there (archive and manifest, as stored: encrypted ones count
 *     their ciphertext)
 */
public record TargetResult(String target, boolean stored, String error, long storedBytes) {}

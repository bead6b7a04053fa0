/**
 * Verification: reads runs back from their target and proves they restore.
 *
 * <p>For each run it reads the whole manifest (structure, order, footer), checks that every content
 * reference to an earlier run resolves (the run exists, its manifest holds that path with the same
 * SHA-256, its archive is present with the recorded size), then reads the archive once, hashing the
 * stored bytes as a whole and each entry's content, matching entries against the manifest in tree
 * order. Findings name the run and the files affected, and are stored beside the run as {@code
 * RUN.verify.json}. Verification only reads; a damaged run is reported, never repaired or deleted.
 */
package it.continuo.verify;

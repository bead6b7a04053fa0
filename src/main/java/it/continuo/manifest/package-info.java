/**
 * The manifest: the sidecar {@code RUN.manifest.jsonl.zst} that describes one restore point.
 *
 * <p>It is JSON Lines compressed with zstd: a header line (run, job, level, parent, host, start,
 * software), one line per entry of the <em>whole tree as of this run</em> in {@link TreeOrder},
 * each naming the run whose archive holds its content, and a footer line (counts, bytes, the
 * archive's own SHA-256 and size, the runs this point needs). The entries and the footer are
 * written as two zstd frames followed by a zstd skippable frame that records where the footer frame
 * starts, so that {@code zstd -dc} prints the whole manifest and a listing can read the footer
 * alone with two range reads.
 *
 * <p>A manifest is written last, after its archive is safely stored, so a manifest that exists
 * means a complete run. A manifest without its footer is damaged: readers throw {@link
 * ManifestException} and never treat what they read so far as a restore point. Readers and writers
 * stream one entry at a time; nothing here holds a tree in memory.
 */
package it.continuo.manifest;

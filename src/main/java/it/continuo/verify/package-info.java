/**
 * Verification: reads runs back from their target and proves they restore.
 *
 * <p>For each run it reads the whole manifest (structure, order, footer), checks that every content
 * reference to an earlier run resolves (the run exists, its manifest holds that path with the same
 * SHA-256, its archive is present with the recorded size), then reads the archive once, hashing the
 * stored bytes as a whole and each entry's content, matching entries against the manifest in tree
 * order. Findings name the run and the files affected, and are stored beside the run as {@code
 * RUN.verify.json}. Verification only reads; a damaged run is reported, never repaired or deleted.
 *
 * <p><b>The nightly check</b> ({@link it.continuo.verify.NightlyVerifier}) decides what to read so
 * that every stored byte is read back at least once every {@code verification.fullCoverageDays}
 * days without reading everything every night: runs never verified and runs last found damaged
 * always; runs whose last verification would leave the window before the next night (an hour of
 * slack for a late schedule) always; then the older runs, the longest unread first, until about
 * {@code 1/fullCoverageDays} of the stored bytes (archives and manifests, as stored) is read. The
 * choice depends only on the runs, their recorded verifications and the clock. Runs are read one at
 * a time, oldest first, so a cancellation stops between two runs and a run read later inherits
 * damage found earlier. Coverage is the bytes of runs whose latest verification is ok and younger
 * than the window; the verified point is the newest point whose own run and every run it needs are
 * ok at their latest verification. The test restore takes up to {@code sampleFiles} files of that
 * point (fewer once their content passes {@code sampleBytes}) in the order of a hash of their path
 * and the date, so each night tests other files; it restores them with the restore engine into a
 * new directory under {@code verification.scratch}, compares each with its manifest entry (size and
 * SHA-256) and deletes the directory. A crash during the test restore leaves that directory behind
 * (named {@code JOB-TARGET-EPOCHMILLIS}); nothing on the target is changed but the {@code
 * .verify.json} records.
 */
package it.continuo.verify;

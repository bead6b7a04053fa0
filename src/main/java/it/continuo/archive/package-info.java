/**
 * The archive of a run: one POSIX pax tar stream compressed with zstd (one frame; integrity comes
 * from the SHA-256 of every file and of the whole archive, recorded in the manifest), so that
 * {@code zstd -dc RUN.tar.zst | tar -x} restores it without Continuo.
 *
 * <p>Entries appear in {@link it.continuo.manifest.TreeOrder}, the same order as the manifest, so
 * restore and verify can match archive and manifest in one streaming pass each. Long and UTF-8
 * names, link targets, sizes over 8 GiB and large ids go into pax headers. The writer hashes and
 * counts the compressed bytes as they leave, giving the archive's own SHA-256 and size for the
 * manifest footer; the reader does the same on the way in. Any corruption the reader meets (bad
 * zstd data, a truncated stream, a broken tar header) is an {@link
 * it.continuo.archive.ArchiveDamagedException}.
 */
package it.continuo.archive;

/**
 * Replica checks: is the secondary server a copy of the primary, how far behind is it, and what
 * differs. {@link it.continuo.replica.ReplicaChecker} is the engine the CLI, the daemon and the
 * failover runbook share; its answer is a {@link it.continuo.replica.ReplicaResult} with a {@link
 * it.continuo.replica.ReplicaState}, the {@link it.continuo.replica.Difference}s and the lag. Those
 * four types and {@link it.continuo.replica.ProbeResult} are the whole public surface.
 *
 * <p><b>Algorithm.</b> Both sides are opened at once: this machine runs commands by {@code sh -c};
 * a host over SSH runs them by its login shell when it echoes a marker back, and is read over SFTP
 * otherwise ({@code command="internal-sftp"} keys). Each root is listed by one {@code find -H ROOT
 * -printf} (nine NUL-ended fields per entry: type, size, mtime and ctime to the nanosecond, mode,
 * uid, gid, path, link target; a name may hold any byte but NUL and '/'), streamed as it comes;
 * excludes are applied, and the entries are sorted on disk in chunks of 16 MiB ({@code
 * ExternalSort}) in an order where '/' comes before every other byte, i.e. a depth-first walk. The
 * two sorted listings are merged in one pass: a path on one side only is missing or extra, a path
 * on both is compared by type, size and mtime (files), link target, mode and owner; directories'
 * mtimes are ignored. Files that look the same are candidates for hashing: those whose ctime is
 * after the previous check first, then a sample that rotates daily, within {@code hashBudget}
 * bytes; each side hashes the list with one {@code xargs -0r sha256sum -z} (or by reading over
 * SFTP) and the digests are compared in list order. A quick check stops after the merge.
 *
 * <p><b>Lag.</b> Each difference that a copy from the primary would remove carries the time the
 * primary changed: the mtime of a missing or changed file, the mtime of the primary directory above
 * an extra one (the deletion), the ctime for a mode or owner change. The lag is the age of the
 * oldest, or the largest a probe printed. A difference no copy would remove (same size and mtime
 * but another digest; a file newer on the secondary, or an extra file younger than its primary
 * directory's last change) makes the state DIFFERENT.
 *
 * <p><b>Memory.</b> The heap holds one sort chunk per side (16 MiB each, while listing), then one
 * entry and a 64 KiB buffer per chunk file, the primary's directories above the current path, the
 * first 1,000 differences and a 512 KiB table for the hash sample; nothing grows with the number of
 * files. The SFTP fallback also keeps the directories still to be listed and one directory's
 * listing.
 *
 * <p><b>Failures and crashes.</b> Any side that cannot be checked (unreachable, host key refused,
 * root missing, a command failing or timing out) ends the check as UNKNOWN with the reason; the
 * other side's command is ended at once by closing its connection or process, not left to run.
 * Nothing is written on either side. Temporary files live in a {@code continuo-replica-*} directory
 * under the temporary directory and are deleted after the check; a crash leaves that directory
 * behind, harmless, to be removed by hand or by the system's tmp cleaning.
 */
package it.continuo.replica;

/**
 * The backup engine: one run of one job, full or incremental, called the same way by the CLI and
 * the daemon.
 *
 * <p>A run takes the job's lock, removes what interrupted runs left on the target, runs the
 * pre-hooks, then walks the source once in tree order while reading the parent's manifest in the
 * same order: an entry whose path, size, mtime, ctime and inode match the parent is copied from the
 * parent's manifest without reading the file; anything else is read, hashed and appended to this
 * run's archive. The archive is published first, the manifest last, so a crash at any moment leaves
 * earlier runs untouched and this run invisible. Unreadable files make the run partial (exit 3) and
 * are named; files that change while read are stored as read and flagged. Post-hooks run whatever
 * the outcome, with it in their environment.
 */
package it.continuo.backup;

/**
 * Point-in-time restore: rebuilds the tree of one restore point under a directory, exactly as the
 * manifest describes it, reading each archive it needs once.
 *
 * <p>The algorithm, in three streaming passes over the point's manifest:
 *
 * <ol>
 *   <li>validate every path and create the directories (with owner-writable modes for now);
 *   <li>for each run whose archive holds content of this point, oldest first, read the archive
 *       once, matching its entries against the manifest entries that name that run (both are in
 *       tree order, so this is a merge); write each file, check its SHA-256 against the manifest,
 *       and set its owner, mode and mtime;
 *   <li>create hard links and symlinks, then give each directory its mode, owner and mtime once
 *       everything inside it is done.
 * </ol>
 *
 * <p>Names come from the manifest, never from the archive, and are checked before use: no absolute
 * paths, no "." or "..", no empty segments. Files are opened without following symlinks, existing
 * entries in the way are replaced only with {@code --overwrite}, and symlinks are created last, so
 * nothing is ever written through a link or outside the directory. A file whose content does not
 * match its SHA-256 is kept as {@code NAME.continuo-damaged} and reported; the restore then fails
 * (exit 1) after restoring everything else.
 */
package it.continuo.restore;

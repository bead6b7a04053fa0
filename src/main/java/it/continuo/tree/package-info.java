/**
 * Reading the source tree: a walk of the configured paths in {@link
 * it.continuo.manifest.TreeOrder}, one {@code lstat} per entry, symlinks never followed, excluded
 * names never entered.
 *
 * <p>The walk holds only the sorted names of the directories on the current path, so memory does
 * not grow with the size of the tree. A directory that cannot be listed is returned with its error
 * and its contents are left out; sockets, FIFOs and devices are returned as {@link
 * it.continuo.tree.FileKind#OTHER} for the caller to skip.
 */
package it.continuo.tree;

package it.continuo.replica;

import java.util.Comparator;

/**
 * The order both listings are sorted in: byte by byte, unsigned, with '/' before every other byte.
 * That is the order of a depth-first walk with each directory's names sorted by bytes: a directory
 * comes right before everything under it ({@code a}, {@code a/b}, {@code a b}), which lets the
 * merge keep the primary's ancestors of the current path on a stack as deep as the tree.
 */
final class PathOrder implements Comparator<byte[]> {
  static final PathOrder INSTANCE = new PathOrder();

  private PathOrder() {}

  @Override
  public int compare(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(rank(a[i]), rank(b[i]));
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static int rank(byte b) {
    return b == '/' ? -1 : b & 0xff;
  }

  /** True when {@code ancestor} is a proper ancestor directory of {@code path}. */
  static boolean isAncestor(byte[] ancestor, byte[] path) {
    if (ancestor.length >= path.length || path[ancestor.length] != '/') {
      return false;
    }
    for (int i = 0; i < ancestor.length; i++) {
      if (ancestor[i] != path[i]) {
        return false;
      }
    }
    return true;
  }
}

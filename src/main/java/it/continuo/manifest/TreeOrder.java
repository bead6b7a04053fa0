package it.continuo.manifest;

import java.util.Comparator;

/**
 * The order of entries in manifests and archives: depth first, siblings by name, a directory right
 * before its contents. Comparing relative paths with '/' ranking below every other character gives
 * exactly that order, so two sorted streams (a tree walk and a parent manifest, or a manifest and
 * an archive) can be merged entry by entry in bounded memory.
 */
public final class TreeOrder {
  public static final Comparator<String> PATHS = TreeOrder::compare;

  private TreeOrder() {}

  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x == '/') {
          return -1;
        }
        if (y == '/') {
          return 1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** True when {@code path} is {@code ancestor} itself or lies below it. */
  public static boolean isWithin(String path, String ancestor) {
    return path.equals(ancestor)
        || (path.length() > ancestor.length()
            && path.startsWith(ancestor)
            && path.charAt(ancestor.length()) == '/');
  }
}

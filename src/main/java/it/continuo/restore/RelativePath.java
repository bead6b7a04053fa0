package it.continuo.restore;

import java.nio.file.Path;

/** Checks that a name from a manifest can only mean a place inside the restore directory. */
final class RelativePath {
  private RelativePath() {}

  /** True for relative, '/'-separated names without empty, "." or ".." segments or NUL. */
  static boolean isSafe(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0) {
      return false;
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int len = end - start;
      if (len == 0
          || (len == 1 && path.charAt(start) == '.')
          || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  /** {@code root} joined with a checked name; the result always lies inside {@code root}. */
  static Path under(Path root, String path) {
    if (!isSafe(path)) {
      throw new IllegalArgumentException("unsafe path " + path);
    }
    Path p = root.resolve(path);
    if (!p.normalize().startsWith(root)) {
      throw new IllegalArgumentException("unsafe path " + path);
    }
    return p;
  }
}

package it.continuo.tree;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclude globs. A pattern without '/' matches a name anywhere in the tree ({@code *.tmp}, {@code
 * .cache}); a pattern with '/' matches the whole absolute path ({@code /srv/uno/tmp/**}, {@code
 * **}{@code /cache/**}). Glob syntax as in {@link java.nio.file.FileSystem#getPathMatcher}.
 */
public final class Excludes {
  private final List<PathMatcher> names = new ArrayList<>();
  private final List<PathMatcher> paths = new ArrayList<>();

  public Excludes(List<String> patterns) {
    for (String pattern : patterns) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      (pattern.contains("/") ? paths : names).add(m);
    }
  }

  /**
   * Checks that a pattern compiles.
   *
   * @throws IllegalArgumentException with the reason when it does not
   */
  public static void validate(String pattern) {
    FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  public boolean excludes(Path absolute) {
    Path name = absolute.getFileName();
    if (name != null) {
      for (PathMatcher m : names) {
        if (m.matches(name)) {
          return true;
        }
      }
    }
    for (PathMatcher m : paths) {
      if (m.matches(absolute)) {
        return true;
      }
    }
    return false;
  }
}
